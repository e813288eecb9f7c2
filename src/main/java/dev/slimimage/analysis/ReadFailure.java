package dev.slimimage.analysis;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/** Why an input file could not be read, and what to do about it, in words for one-sentence messages. */
public final class ReadFailure {

    private ReadFailure() {}

    /** The cause, in words that follow the file's name: "{@code <file> cannot be read: permission denied}". */
    public static String problem(IOException e) {
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

    /** The fix for a dependency jar (from the local repository or a sibling module) that failed with {@code e}. */
    public static String dependencyFix(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "run mvn package again (it downloads or builds a missing dependency)";
        }
        return (e instanceof AccessDeniedException ? "fix its permissions, or delete it" : "delete it")
                + " so that the next mvn package downloads (or builds) it again";
    }

    /** The fix for the project's own jar that failed with {@code e}. */
    public static String projectJarFix(IOException e) {
        return (e instanceof AccessDeniedException ? "fix its permissions, or rebuild it" : "rebuild it") + " with mvn clean package";
    }

    /** Opens a jar; a file that cannot be opened fails with the exception that says why, not JarFile's "not found". */
    public static JarFile openJar(Path jar) throws IOException {
        Files.newInputStream(jar).close();
        return new JarFile(jar.toFile(), false);
    }
}
