package dev.slimimage.pipeline;

import dev.slimimage.json.Json;
import dev.slimimage.json.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last successful build, kept in the cache directory: the fingerprint of its inputs ({@link BuildInputs}), the image
 * it built and the tags it gave it. Removed when a build starts, written when one succeeds.
 */
record LastBuild(String fingerprint, String imageId, List<String> tags) {

    static final String FILE = "last-build.json";

    LastBuild {
        tags = List.copyOf(tags);
    }

    /**
     * The record in {@code cacheDirectory}; empty when there is none or it cannot be read (then the image is built). Read
     * without Jackson, whose start would cost an up-to-date build most of its time.
     */
    static Optional<LastBuild> read(Path cacheDirectory) {
        Path file = cacheDirectory.resolve(FILE);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Map<String, Object> json = Json.object(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
            String fingerprint = Json.text(json.get("fingerprint"), null);
            String imageId = Json.text(json.get("imageId"), null);
            if (fingerprint == null || imageId == null || !(json.get("tags") instanceof List<?>)) {
                return Optional.empty();
            }
            List<String> tags = new ArrayList<>();
            for (Object tag : Json.array(json.get("tags"))) {
                if (!(tag instanceof String text)) {
                    return Optional.empty();
                }
                tags.add(text);
            }
            return Optional.of(new LastBuild(fingerprint, imageId, tags));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void remove(Path cacheDirectory) throws IOException {
        Files.deleteIfExists(cacheDirectory.resolve(FILE));
    }

    void write(Path cacheDirectory) throws IOException {
        JsonFiles.replace(cacheDirectory.resolve(FILE), this);
    }
}
