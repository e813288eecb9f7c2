package dev.slimimage.pipeline;

import dev.slimimage.json.Json;
import dev.slimimage.json.JsonFiles;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Sizes in bytes by key (a layer's content, a runtime's stage image), between builds. Losing it costs only time, so it never fails a build. */
final class PushedSizeCache {

    private PushedSizeCache() {
    }

    static Map<String, Long> read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Map.of();
            }
            Map<String, Long> sizes = new LinkedHashMap<>();
            for (Map.Entry<String, Object> entry : Json.object(Json.parse(Files.readString(file, StandardCharsets.UTF_8))).entrySet()) {
                if (entry.getValue() instanceof Long bytes) {
                    sizes.put(entry.getKey(), bytes);
                }
            }
            return sizes;
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** Keeps only the current build's layers, so the file does not grow with every build. */
    static void write(Path file, Map<String, Long> sizes) {
        try {
            JsonFiles.replace(file, sizes);
        } catch (IOException e) {
            // The next build measures again.
        }
    }
}
