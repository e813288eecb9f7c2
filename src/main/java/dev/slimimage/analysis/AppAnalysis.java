package dev.slimimage.analysis;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of analysing a project: how it is laid out, how it starts, which Java release it needs, which
 * files go into which layer, and which files a naive single-stage image would copy (for the baseline).
 *
 * @param launchArguments the arguments after {@code java} and the JVM flags, e.g. {@code -cp /app/classes:/app/lib/* Main};
 *     they start with the options that stand in for the manifest's {@code Add-Exports} and the like
 * @param launchManifest what the jar's manifest asks of the JVM, which {@code java -jar} would have honoured
 */
public record AppAnalysis(
        AppLayout layout,
        String mainClass,
        List<String> launchArguments,
        int javaRelease,
        String releaseSource,
        List<Layer> layers,
        List<Path> naiveImageFiles,
        LaunchManifest launchManifest) {

    /** An application whose manifest asks nothing of the JVM. */
    public AppAnalysis(AppLayout layout, String mainClass, List<String> launchArguments, int javaRelease, String releaseSource,
                       List<Layer> layers, List<Path> naiveImageFiles) {
        this(layout, mainClass, launchArguments, javaRelease, releaseSource, layers, naiveImageFiles, LaunchManifest.NONE);
    }

    public AppAnalysis {
        launchArguments = List.copyOf(launchArguments);
        layers = layers.stream().filter(l -> !l.files().isEmpty()).toList();
        naiveImageFiles = List.copyOf(naiveImageFiles);
    }

    /** Where the application's own classes sit in the image. */
    public String classRoot() {
        return switch (layout) {
            case SPRING_BOOT -> "/app/BOOT-INF/classes";
            case WAR -> ServletContainer.ROOT_WEBAPP + "/WEB-INF/classes";
            default -> "/app/classes";
        };
    }
}
