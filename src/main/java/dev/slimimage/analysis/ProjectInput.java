package dev.slimimage.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the build tool knows about the project: its packaged artifact, compiled classes and resolved
 * runtime dependencies, plus what the user configured. Nothing here is Maven-specific.
 *
 * @param artifactFile the jar the image is made from: the main artifact, or a shaded jar the build wrote beside it
 * @param artifactOrigin which jar {@code artifactFile} is, for messages
 * @param buildDirectory where the build writes its output ({@code target/}); null when unknown
 * @param quarkusBuild   whether quarkus-maven-plugin builds the application (its output, not the jar, goes into the image)
 */
public record ProjectInput(
        String groupId,
        String artifactId,
        String packaging,
        Path artifactFile,
        Path classesDirectory,
        List<Dependency> runtimeDependencies,
        Optional<String> configuredMainClass,
        OptionalInt configuredRelease,
        ArtifactOrigin artifactOrigin,
        Path buildDirectory,
        boolean quarkusBuild) {

    /** A project whose image is made from its main artifact. */
    public ProjectInput(String groupId, String artifactId, String packaging, Path artifactFile, Path classesDirectory,
                        List<Dependency> runtimeDependencies, Optional<String> configuredMainClass, OptionalInt configuredRelease) {
        this(groupId, artifactId, packaging, artifactFile, classesDirectory, runtimeDependencies, configuredMainClass,
                configuredRelease, ArtifactOrigin.PROJECT_JAR);
    }

    public ProjectInput(String groupId, String artifactId, String packaging, Path artifactFile, Path classesDirectory,
                        List<Dependency> runtimeDependencies, Optional<String> configuredMainClass, OptionalInt configuredRelease,
                        ArtifactOrigin artifactOrigin) {
        this(groupId, artifactId, packaging, artifactFile, classesDirectory, runtimeDependencies, configuredMainClass,
                configuredRelease, artifactOrigin, null, false);
    }

    public ProjectInput {
        runtimeDependencies = List.copyOf(runtimeDependencies);
    }

    public ProjectInput withConfiguredMainClass(String mainClass) {
        return new ProjectInput(groupId, artifactId, packaging, artifactFile, classesDirectory, runtimeDependencies,
                Optional.of(mainClass), configuredRelease, artifactOrigin, buildDirectory, quarkusBuild);
    }
}
