package dev.slimimage.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the build tool knows about the project: its packaged artifact, compiled classes and resolved
 * runtime dependencies, plus what the user configured. Nothing here is Maven-specific.
 */
public record ProjectInput(
        String groupId,
        String artifactId,
        String packaging,
        Path artifactFile,
        Path classesDirectory,
        List<Dependency> runtimeDependencies,
        Optional<String> configuredMainClass,
        OptionalInt configuredRelease) {

    public ProjectInput {
        runtimeDependencies = List.copyOf(runtimeDependencies);
    }
}
