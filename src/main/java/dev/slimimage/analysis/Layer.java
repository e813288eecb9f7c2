package dev.slimimage.analysis;

import java.util.List;

/** A named group of files that becomes one image layer; ordered from least to most often changed. */
public record Layer(String name, List<ImageFile> files) {

    public static final String DEPENDENCIES = "dependencies";
    public static final String SNAPSHOT_DEPENDENCIES = "snapshot-dependencies";
    public static final String LOADER = "loader";
    public static final String RESOURCES = "resources";
    public static final String CLASSES = "classes";
    /** A layer of the application's own code packed in jars (Quarkus's app/ and its generated quarkus/). */
    public static final String APPLICATION = "application";
    /** The plugin's agent jar that starts the manifest's Launcher-Agent-Class (see {@link LaunchManifest}). */
    public static final String LAUNCHER_AGENT = "launcher-agent";

    public Layer {
        files = List.copyOf(files);
    }

    public long bytes() {
        return files.stream().mapToLong(f -> f.source().size()).sum();
    }
}
