package dev.slimimage.context;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.zip.ZipException;

/** Why a file could not be read, in words that follow its name: "{@code <file> cannot be read: permission denied}". */
final class ReadProblem {

    private ReadProblem() {}

    static String of(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "cannot be read: permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no longer exists: something deleted it during the build";
        }
        if (e instanceof ZipException) {
            return "is not a readable jar (" + e.getMessage() + ")";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return "cannot be read (" + fs.getReason() + ")";
        }
        return "cannot be read (" + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()) + ")";
    }
}
