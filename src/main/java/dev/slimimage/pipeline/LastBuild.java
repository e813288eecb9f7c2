package dev.slimimage.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * The last successful build, kept in the cache directory: the fingerprint of its inputs ({@link BuildInputs}), the image
 * it built and the tags it gave it. Removed when a build starts, written when one succeeds.
 */
record LastBuild(String fingerprint, String imageId, List<String> tags) {

    static final String FILE = "last-build.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    LastBuild {
        tags = List.copyOf(tags);
    }

    /** The record in {@code cacheDirectory}; empty when there is none or it cannot be read (then the image is built). */
    static Optional<LastBuild> read(Path cacheDirectory) {
        Path file = cacheDirectory.resolve(FILE);
        try {
            return Files.isRegularFile(file) ? Optional.of(JSON.readValue(file.toFile(), LastBuild.class)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static void remove(Path cacheDirectory) throws IOException {
        Files.deleteIfExists(cacheDirectory.resolve(FILE));
    }

    void write(Path cacheDirectory) throws IOException {
        Files.createDirectories(cacheDirectory);
        Path temporary = cacheDirectory.resolve(FILE + ".tmp");
        JSON.writeValue(temporary.toFile(), this);
        Files.move(temporary, cacheDirectory.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
