package dev.slimimage.context;

import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.ReadFailure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * What a file of the image holds, as far as it can be told without copying it: the SHA-256 of a file on disk (from
 * {@link FileDigests}), the CRC-32 and size a jar records for an entry, and for a jar written from another jar's
 * entries the SHA-256 of that jar with the entries taken. Jars are opened once and closed with this.
 */
public final class SourceIdentities implements AutoCloseable {

    private final FileDigests digests;
    private final Map<Path, JarFile> openJars = new HashMap<>();

    public SourceIdentities(FileDigests digests) {
        this.digests = digests;
    }

    /**
     * The identity of {@code source}; empty when it cannot be told (a jar entry whose CRC the jar does not record).
     *
     * @throws StagingException when the file or jar cannot be read, or the entry is gone
     */
    public Optional<String> of(FileSource source) throws StagingException {
        if (source instanceof FileSource.OnDisk disk) {
            return Optional.of("file " + sha256(disk.file(), false));
        }
        if (source instanceof FileSource.InJar inJar) {
            ZipEntry entry = jar(inJar.jar()).getEntry(inJar.entry());
            if (entry == null) {
                throw StagingException.missingEntry(inJar.jar(), inJar.entry());
            }
            return entry.getCrc() < 0 || entry.getSize() < 0 ? Optional.empty()
                    : Optional.of("entry crc32 " + Long.toHexString(entry.getCrc()) + " size " + entry.getSize());
        }
        if (source instanceof FileSource.LauncherAgentJar agent) {
            // The jar is written from the plugin's own class: another plugin build may write other bytes.
            return Optional.of("launcher agent " + LauncherAgentJarWriter.agentClassDigest() + " " + agent.capabilities());
        }
        if (source instanceof FileSource.Packed packed) {
            StringBuilder entries = new StringBuilder("packed");
            for (Map.Entry<String, FileSource> entry : packed.entries().entrySet()) {
                Optional<String> identity = entry.getValue() == null ? Optional.of("directory") : of(entry.getValue());
                if (identity.isEmpty()) {
                    return Optional.empty();
                }
                entries.append(' ').append(entry.getKey()).append('=').append(identity.get());
            }
            return Optional.of(entries.toString());
        }
        FileSource.JarSubset subset = (FileSource.JarSubset) source;
        return Optional.of("subset of " + sha256(subset.jar(), true) + " " + subset.entries() + " "
                + new TreeMap<>(subset.libraryByPackage()));
    }

    /** The jar, opened once; the stager copies entries through it. */
    JarFile jar(Path jar) throws StagingException {
        JarFile open = openJars.get(jar);
        if (open == null) {
            try {
                open = ReadFailure.openJar(jar);
            } catch (IOException e) {
                throw StagingException.unreadableJar(jar, null, e);
            }
            openJars.put(jar, open);
        }
        return open;
    }

    private String sha256(Path file, boolean projectJar) throws StagingException {
        try {
            return digests.sha256(file);
        } catch (IOException e) {
            throw projectJar ? StagingException.unreadableJar(file, null, e) : StagingException.unreadableFile(file, e);
        }
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (JarFile jar : openJars.values()) {
            try {
                jar.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
        }
        openJars.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
