package dev.slimimage.analysis;

import java.nio.file.Path;

/** Where the bytes of one file in the image come from: a file on disk or an entry inside a jar. */
public sealed interface FileSource {

    long size();

    record OnDisk(Path file, long size) implements FileSource {}

    record InJar(Path jar, String entry, long size) implements FileSource {}
}
