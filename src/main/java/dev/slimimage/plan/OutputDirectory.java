package dev.slimimage.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** Where the Dockerfile and its context are written: always strictly inside the build directory. */
public final class OutputDirectory {

    /** As Linux's limit on links followed in one path: more means a loop. */
    private static final int MAX_LINKS = 40;

    private OutputDirectory() {}

    /**
     * Compares real paths, so a symbolic link (e.g. {@code target/link -> ..}) cannot lead the output out of the
     * build directory, where staging would overwrite the project's own files.
     *
     * @return the real output directory, to write to
     * @throws ConfigurationException when it is not strictly inside the real {@code buildDirectory}
     * @throws IOException when a link cannot be read
     */
    public static Path inside(Path buildDirectory, Path outputDirectory) throws ConfigurationException, IOException {
        Path build = realPath(buildDirectory);
        Path out = realPath(outputDirectory);
        if (!out.startsWith(build) || out.equals(build)) {
            Path given = outputDirectory.toAbsolutePath().normalize();
            throw new ConfigurationException("outputDirectory", outputDirectory.toString(), "outputDirectory " + given
                    + (given.equals(out) ? "" : ", which resolves to " + out + ",") + " is not inside the build directory " + build,
                    "slim only writes below target/ so it can never overwrite files you keep; choose a directory there");
        }
        return out;
    }

    /**
     * The path with every symbolic link along it resolved, also where the rest does not exist yet: the existing
     * part as the file system resolves it, then the missing names, following links that point nowhere yet.
     */
    static Path realPath(Path path) throws IOException {
        Path absolute = path.toAbsolutePath();
        Deque<String> names = new ArrayDeque<>();
        absolute.forEach(name -> names.addLast(name.toString()));
        Path current = absolute.getRoot();
        int links = 0;
        while (!names.isEmpty()) {
            String name = names.removeFirst();
            if (name.equals("..")) {
                // current is real: its parent is the real parent.
                current = current.getParent() == null ? current : current.getParent();
                continue;
            }
            if (name.equals(".")) {
                continue;
            }
            Path next = current.resolve(name);
            if (Files.exists(next)) {
                current = next.toRealPath();
            } else if (Files.isSymbolicLink(next)) {
                if (++links > MAX_LINKS) {
                    throw new IOException("Too many symbolic links in " + path);
                }
                Path target = Files.readSymbolicLink(next);
                Deque<String> rest = new ArrayDeque<>();
                target.forEach(n -> rest.addLast(n.toString()));
                rest.addAll(names);
                names.clear();
                names.addAll(rest);
                if (target.isAbsolute()) {
                    current = target.getRoot();
                }
            } else {
                current = next;
            }
        }
        return current;
    }
}
