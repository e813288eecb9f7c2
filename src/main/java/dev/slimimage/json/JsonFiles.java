package dev.slimimage.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes the plugin's own records into its cache directory with Jackson: only real builds write, so Jackson starts only
 * there (an up-to-date build reads them with {@link Json}). A class of its own so that reading never loads Jackson.
 */
public final class JsonFiles {

    /** Configured once and never changed: ObjectMapper is thread-safe for writing then. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonFiles() {
    }

    /**
     * Replaces {@code file} with {@code value} as compact JSON, through a sibling {@code .tmp} file and an atomic move, so a
     * build stopped half-way never leaves a half-written record for the next one to read.
     */
    public static void replace(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        MAPPER.writeValue(temporary.toFile(), value);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
