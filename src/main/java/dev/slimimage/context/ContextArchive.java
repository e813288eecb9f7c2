package dev.slimimage.context;

import dev.slimimage.analysis.ReadFailure;
import dev.slimimage.dockerfile.DockerfileGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
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
    private static final int CHUNK = 64 * 1024;

    /**
     * The tar of {@code Dockerfile} and everything under {@code layers/} of {@code contextDirectory}, packed while it is
     * read: nothing is written to disk, and only the chunk being handed over is held in memory. The stream runs in the
     * reader's thread (there is no writer thread), may be handed to another thread, and is safe to share between threads.
     * A staged file that cannot be packed fails the read with an {@link IOException} that names the file and the cause.
     * Closing it, also before the end, releases the file being packed.
     *
     * @throws IOException when the staged layers cannot be listed
     */
    public InputStream stream(Path contextDirectory, FileTime timestamp) throws IOException {
        return new TarStream(contextDirectory, null, listing(contextDirectory), timestamp);
    }

    /**
     * Like {@link #stream(Path, FileTime)}, but with {@code dockerfile} as its Dockerfile and only the given layer
     * directories (such as {@code layers/classes}) of {@code contextDirectory}: the context of a build that needs no
     * other.
     *
     * @throws IOException when a layer directory cannot be listed
     */
    public InputStream stream(Path contextDirectory, String dockerfile, List<String> layerDirectories, FileTime timestamp)
            throws IOException {
        List<Path> paths = new ArrayList<>();
        paths.add(contextDirectory.resolve(DockerfileGenerator.LAYERS_DIRECTORY));
        for (String directory : layerDirectories) {
            walk(contextDirectory, contextDirectory.resolve(directory), paths);
        }
        return new TarStream(contextDirectory, dockerfile.getBytes(java.nio.charset.StandardCharsets.UTF_8), paths, timestamp);
    }

    /**
     * The tar of one staged layer directory, its entries named as the layer's {@code COPY} lays them out in the image
     * (relative to the layer directory), packed like {@link #stream}: what the layer's tar holds, to measure it.
     *
     * @throws IOException when the layer cannot be listed
     */
    public InputStream layerStream(Path layerDirectory, FileTime timestamp) throws IOException {
        List<Path> paths = new ArrayList<>();
        walk(layerDirectory, layerDirectory, paths);
        paths.remove(layerDirectory);
        return new TarStream(layerDirectory, null, paths, timestamp);
    }

    /** The Dockerfile, then every directory and file under layers/, sorted. */
    private static List<Path> listing(Path contextDirectory) throws IOException {
        List<Path> paths = new ArrayList<>();
        paths.add(contextDirectory.resolve("Dockerfile"));
        walk(contextDirectory, contextDirectory.resolve(DockerfileGenerator.LAYERS_DIRECTORY), paths);
        return paths;
    }

    private static void walk(Path contextDirectory, Path layers, List<Path> paths) throws IOException {
        try (Stream<Path> walk = Files.walk(layers)) {
            walk.sorted().forEach(paths::add);
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
            Path where = cause instanceof FileSystemException fs && fs.getFile() != null ? Path.of(fs.getFile()) : layers;
            throw unpackable(contextDirectory, where, ReadFailure.problem(cause), cause);
        }
    }

    private static IOException unpackable(Path contextDirectory, Path path, String problem, IOException cause) {
        return new IOException(path + " " + problem + ", so the build context cannot be sent to the Docker daemon; make sure "
                + "nothing else changes " + contextDirectory + " while the image builds, then run the build again.", cause);
    }

    /** Produces the tar a step at a time (an entry header, or one chunk of a file) whenever the reader has taken all before. */
    private static final class TarStream extends InputStream {

        private final Path contextDirectory;
        /** A Dockerfile given as text, packed first; null when it is a file among the paths. */
        private byte[] dockerfile;
        private final Iterator<Path> pending;
        private final FileTime timestamp;
        private final Sink sink = new Sink();
        private final TarArchiveOutputStream tar;
        private final byte[] chunk = new byte[CHUNK];
        /** The file whose content is being packed, with what is left of its size; null between entries. */
        private Path file;
        private InputStream content;
        private long remaining;
        private IOException failure;
        private boolean finished;
        private boolean closed;

        TarStream(Path contextDirectory, byte[] dockerfile, List<Path> paths, FileTime timestamp) {
            this.contextDirectory = contextDirectory;
            this.dockerfile = dockerfile;
            this.pending = paths.iterator();
            this.timestamp = timestamp;
            this.tar = new TarArchiveOutputStream(sink);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        @Override
        public synchronized int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (closed) {
                throw new IOException("The build context stream of " + contextDirectory + " is closed.");
            }
            if (failure != null) {
                throw failure;
            }
            if (len == 0) {
                return 0;
            }
            while (sink.isEmpty()) {
                if (finished) {
                    return -1;
                }
                try {
                    step();
                } catch (IOException e) {
                    failure = e;
                    release();
                    throw e;
                }
            }
            return sink.take(b, off, len);
        }

        @Override
        public synchronized int available() {
            return closed ? 0 : sink.unread();
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                release();
            }
        }

        private void step() throws IOException {
            if (content != null) {
                copyChunk();
            } else if (dockerfile != null) {
                TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
                entry.setMode(FILE_MODE);
                entry.setSize(dockerfile.length);
                stamp(entry);
                tar.putArchiveEntry(entry);
                tar.write(dockerfile);
                tar.closeArchiveEntry();
                dockerfile = null;
            } else if (pending.hasNext()) {
                begin(pending.next());
            } else {
                tar.finish();
                tar.close();
                finished = true;
            }
        }

        private void begin(Path path) throws IOException {
            String name = entryName(path);
            if (Files.isDirectory(path)) {
                TarArchiveEntry entry = new TarArchiveEntry(name + "/");
                entry.setMode(DIR_MODE);
                stamp(entry);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
                return;
            }
            long size;
            try {
                SeekableByteChannel channel = Files.newByteChannel(path);
                content = Channels.newInputStream(channel);
                size = channel.size();
            } catch (IOException e) {
                throw unpackable(contextDirectory, path, ReadFailure.problem(e), e);
            }
            file = path;
            remaining = size;
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setMode(FILE_MODE);
            entry.setSize(size);
            stamp(entry);
            tar.putArchiveEntry(entry);
        }

        /** The path below the context, its names joined by '/': a backslash is part of a name on Linux, as in the image. */
        private String entryName(Path path) {
            StringJoiner name = new StringJoiner("/");
            contextDirectory.relativize(path).forEach(part -> name.add(part.toString()));
            return name.toString();
        }

        /** Packs the next chunk of the current file; once all of its bytes are in, checks that it ended there. */
        private void copyChunk() throws IOException {
            int n;
            try {
                n = content.read(chunk, 0, (int) Math.min(chunk.length, Math.max(remaining, 1)));
            } catch (IOException e) {
                throw unpackable(contextDirectory, file, ReadFailure.problem(e), e);
            }
            if (remaining > 0) {
                if (n < 0) {
                    throw unpackable(contextDirectory, file, "changed size while it was being sent", null);
                }
                tar.write(chunk, 0, n);
                remaining -= n;
            } else {
                if (n > 0) {
                    throw unpackable(contextDirectory, file, "changed size while it was being sent", null);
                }
                content.close();
                content = null;
                file = null;
                tar.closeArchiveEntry();
            }
        }

        private void stamp(TarArchiveEntry entry) {
            entry.setModTime(timestamp);
            entry.setUserId(0);
            entry.setGroupId(0);
            entry.setUserName("");
            entry.setGroupName("");
        }

        private void release() {
            if (content != null) {
                try {
                    content.close();
                } catch (IOException ignored) {
                    // Only read from; nothing is lost by a failed close.
                }
                content = null;
            }
        }
    }

    /** What the tar writes, until the reader takes it. */
    private static final class Sink extends ByteArrayOutputStream {
        private int taken;

        boolean isEmpty() {
            return taken == count;
        }

        int unread() {
            return count - taken;
        }

        int take(byte[] b, int off, int len) {
            int n = Math.min(len, count - taken);
            System.arraycopy(buf, taken, b, off, n);
            taken += n;
            if (taken == count) {
                reset();
                taken = 0;
            }
            return n;
        }
    }
}
