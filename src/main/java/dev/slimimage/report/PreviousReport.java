package dev.slimimage.report;

import dev.slimimage.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** What an earlier report.json says about its image's layers: enough to tell which layers a new build reuses. */
public record PreviousReport(String imageId, Set<String> diffIds) {

    public PreviousReport {
        diffIds = Set.copyOf(diffIds);
    }

    /**
     * The image id and every layer diff id of a report.json; empty when there is none, it cannot be read, or it
     * predates diff ids: then there is nothing to compare with, which is no reason to fail a build.
     */
    public static Optional<PreviousReport> read(Path reportJson) {
        if (!Files.isRegularFile(reportJson)) {
            return Optional.empty();
        }
        try {
            Map<String, Object> root = Json.object(Json.parse(Files.readString(reportJson, StandardCharsets.UTF_8)));
            Set<String> diffIds = new LinkedHashSet<>();
            for (Object layer : Json.array(root.get("layers"))) {
                Json.array(Json.object(layer).get("diffIds")).forEach(id -> diffIds.add(Json.text(id, "")));
            }
            return diffIds.isEmpty() ? Optional.empty() : Optional.of(new PreviousReport(Json.text(root.get("imageId"), ""), diffIds));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
