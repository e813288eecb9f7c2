package dev.slimimage.context;

import dev.slimimage.analysis.FileSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Writes a {@link FileSource.JarSubset}: the chosen entries of a jar, as a jar of their own that is the same for the
 * same inputs. Entries keep their compressed bytes (nothing is inflated or deflated again, so a 45 MB jar is written
 * in about the time it takes to copy it) but lose what varies between builds: times, extra fields, comments and the
 * original order. The manifest comes first, as {@link java.util.jar.JarInputStream} expects; every directory above an
 * entry is written too, so that class-path scanning ({@code getResources("com/example/")}) finds the packages.
 */
final class JarSubsetWriter {

    private static final String META_INF = "META-INF/";
    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final Instant EARLIEST_DOS_TIME = Instant.parse("1980-01-01T00:00:00Z");

    /**
     * @param timestamp the one time every entry gets, read as UTC whatever the machine's time zone (zip times are
     *     local times without a zone, and the library would otherwise shift them by the zone)
     * @throws StagingException when the source jar or one of its entries cannot be read or is gone
     * @throws IOException      when writing {@code target} fails
     */
    void write(FileSource.JarSubset subset, Path target, Instant timestamp) throws IOException {
        Path jar = subset.jar();
        ZipFile source;
        try {
            source = ZipFile.builder().setPath(jar).get();
        } catch (IOException e) {
            throw StagingException.unreadableJar(jar, null, e);
        }
        long time = zipTime(timestamp);
        try (source; ZipArchiveOutputStream out = new ZipArchiveOutputStream(target)) {
            for (String name : order(subset.entries())) {
                if (name.endsWith("/")) {
                    ZipArchiveEntry directory = new ZipArchiveEntry(name);
                    directory.setMethod(ZipEntry.STORED);
                    directory.setSize(0);
                    directory.setCompressedSize(0);
                    directory.setCrc(0);
                    directory.setTime(time);
                    out.putArchiveEntry(directory);
                    out.closeArchiveEntry();
                    continue;
                }
                ZipArchiveEntry original = source.getEntry(name);
                if (original == null) {
                    throw StagingException.missingEntry(jar, name);
                }
                ZipArchiveEntry copy = new ZipArchiveEntry(name);
                copy.setMethod(original.getMethod());
                copy.setCrc(original.getCrc());
                copy.setSize(original.getSize());
                copy.setCompressedSize(original.getCompressedSize());
                copy.setTime(time);
                try (InputStream raw = source.getRawInputStream(original)) {
                    if (raw == null) {
                        throw StagingException.unreadableJar(jar, name, new IOException("its data cannot be read"));
                    }
                    out.addRawArchiveEntry(copy, new ReadFailureStream(raw, jar, name));
                }
            }
        }
    }

    /** The manifest (and its directory) first, then every file and every directory above one, sorted. */
    static List<String> order(List<String> files) {
        TreeSet<String> all = new TreeSet<>();
        for (String file : files) {
            all.add(file);
            for (int slash = file.indexOf('/'); slash > 0 && slash < file.length() - 1; slash = file.indexOf('/', slash + 1)) {
                all.add(file.substring(0, slash + 1));
            }
        }
        List<String> ordered = new ArrayList<>();
        if (all.remove(MANIFEST)) {
            all.remove(META_INF);
            ordered.add(META_INF);
            ordered.add(MANIFEST);
        }
        ordered.addAll(all);
        return ordered;
    }

    /** The local time whose fields are {@code timestamp}'s in UTC, which is what the zip entry will then hold. */
    static long zipTime(Instant timestamp) {
        Instant clamped = timestamp.isBefore(EARLIEST_DOS_TIME) ? EARLIEST_DOS_TIME : timestamp;
        LocalDateTime fields = LocalDateTime.ofInstant(clamped, ZoneOffset.UTC);
        return fields.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    /** A failure to read the source jar's bytes is the input's problem, not one of writing the context. */
    private static final class ReadFailureStream extends java.io.FilterInputStream {
        private final Path jar;
        private final String entry;

        ReadFailureStream(InputStream in, Path jar, String entry) {
            super(in);
            this.jar = jar;
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw StagingException.unreadableJar(jar, entry, e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw StagingException.unreadableJar(jar, entry, e);
            }
        }
    }
}
