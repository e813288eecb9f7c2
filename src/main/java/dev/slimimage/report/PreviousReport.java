package dev.slimimage.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
            JsonNode root = new ObjectMapper().readTree(reportJson.toFile());
            Set<String> diffIds = new LinkedHashSet<>();
            for (JsonNode layer : root.path("layers")) {
                layer.path("diffIds").forEach(id -> diffIds.add(id.asText()));
            }
            return diffIds.isEmpty() ? Optional.empty() : Optional.of(new PreviousReport(root.path("imageId").asText(""), diffIds));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
