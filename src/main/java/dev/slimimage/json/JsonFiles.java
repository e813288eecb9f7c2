package dev.slimimage.json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes the plugin's own records into its cache directory ({@link Json} reads them). */
public final class JsonFiles {

    private JsonFiles() {
    }

    /**
     * Replaces {@code file} with {@code value} as compact JSON, through a sibling {@code .tmp} file and an atomic move, so a
     * build stopped half-way never leaves a half-written record for the next one to read.
     */
    public static void replace(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, JsonWriter.compact(value), StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
