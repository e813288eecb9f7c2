package dev.slimimage.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Compressed layer sizes by diff id, between builds. Losing it costs only time, so it never fails a build. */
final class PushedSizeCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PushedSizeCache() {
    }

    static Map<String, Long> read(Path file) {
        try {
            return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), new TypeReference<Map<String, Long>>() { }) : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** Keeps only the current build's layers, so the file does not grow with every build. */
    static void write(Path file, Map<String, Long> sizes) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), sizes);
        } catch (IOException e) {
            // The next build measures again.
        }
    }
}
