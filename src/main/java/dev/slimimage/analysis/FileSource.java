package dev.slimimage.analysis;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Where the bytes of one file in the image come from: a file on disk, an entry inside a jar, or a jar made from another's entries. */
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
}
