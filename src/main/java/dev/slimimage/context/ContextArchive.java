package dev.slimimage.context;

import dev.slimimage.dockerfile.DockerfileGenerator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Packs a staged context into the tar the daemon receives. Entries are sorted, owned by root, with fixed modes
 * and the staged times, and directories are included: the daemon keeps what the tar says, so two packings of
 * the same inputs give the same layers. (docker-java's own packing leaves directories out; the daemon then
 * creates them with the current time and every layer digest changes on every build.)
 */
public final class ContextArchive {

    private static final int DIR_MODE = 040755;
    private static final int FILE_MODE = 0100644;

    /** Writes {@code Dockerfile} and everything under {@code layers/} of {@code contextDirectory} to {@code out}. */
    public void write(Path contextDirectory, FileTime timestamp, OutputStream out) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            addFile(tar, contextDirectory.resolve("Dockerfile"), "Dockerfile", timestamp);
            Path layers = contextDirectory.resolve(DockerfileGenerator.LAYERS_DIRECTORY);
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(layers)) {
                paths = walk.sorted().toList();
            }
            for (Path path : paths) {
                String name = contextDirectory.relativize(path).toString().replace('\\', '/');
                if (Files.isDirectory(path)) {
                    TarArchiveEntry entry = new TarArchiveEntry(name + "/");
                    entry.setMode(DIR_MODE);
                    stamp(entry, timestamp);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                } else {
                    addFile(tar, path, name, timestamp);
                }
            }
            tar.finish();
        }
    }

    private static void addFile(TarArchiveOutputStream tar, Path file, String name, FileTime timestamp) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(FILE_MODE);
        entry.setSize(Files.size(file));
        stamp(entry, timestamp);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    private static void stamp(TarArchiveEntry entry, FileTime timestamp) {
        entry.setModTime(timestamp);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
    }
}
