package dev.slimimage.analysis;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where the bytes of one file in the image come from: a file on disk, an entry inside a jar, a jar made from another's
 * entries, or the plugin's launcher agent jar.
 */
public sealed interface FileSource {

    long size();

    record OnDisk(Path file, long size) implements FileSource {}

    record InJar(Path jar, String entry, long size) implements FileSource {}

    /**
     * A jar written at staging time from some entries of another jar (a shaded jar's bundled libraries), reproducibly:
     * sorted entries with their compressed bytes as they are, one fixed time, the manifest first.
     *
     * @param entries the entries to copy, files only; the directories above them are added
     * @param size about what the written jar will take (the entries' compressed sizes and headers), for the log
     * @param libraryByPackage the file name of the dependency each package (a directory such as {@code com/google/common/base})
     *     came from, so that the module analysis can name the library; packages that cannot be told (relocated) are absent
     */
    /**
     * A jar written at staging time from single files (the application's class directory), reproducibly: sorted
     * entries, the directories above them, one fixed time. The JVM archives classes for a startup cache only from jars.
     *
     * @param entries each entry's name in the jar and where its bytes come from
     */
    record Packed(SortedMap<String, FileSource> entries, long size) implements FileSource {
        public Packed {
            entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
        }
    }

    record JarSubset(Path jar, List<String> entries, long size, Map<String, String> libraryByPackage) implements FileSource {
        public JarSubset {
            entries = List.copyOf(entries);
            libraryByPackage = Map.copyOf(libraryByPackage);
        }
    }

    /**
     * The plugin's agent jar that starts a manifest's {@code Launcher-Agent-Class} (see {@link LaunchManifest}), written
     * at staging time reproducibly: stored entries, one fixed time, the manifest first.
     *
     * @param capabilities the {@code Can-*} attributes its manifest sets to {@code true}
     */
    record LauncherAgentJar(List<String> capabilities) implements FileSource {
        /** About what the written jar takes (3,803 bytes with one capability): the agent class (3 kB), the manifest, zip headers. */
        static final long APPROXIMATE_SIZE = 3_800;

        public LauncherAgentJar {
            capabilities = List.copyOf(capabilities);
        }

        @Override
        public long size() {
            return APPROXIMATE_SIZE;
        }
    }
}
