package dev.slimimage.analysis;

import java.nio.file.Path;

/** A runtime dependency as the build tool resolved it. */
public record Dependency(String groupId, String artifactId, String version, Path file, boolean snapshot) {

    public String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }

    public String fileName() {
        return file.getFileName().toString();
    }
}
