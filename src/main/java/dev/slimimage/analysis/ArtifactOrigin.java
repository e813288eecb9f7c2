package dev.slimimage.analysis;

/**
 * Which of the build's jars the image is made from, in words for messages.
 *
 * @param description e.g. {@code the project's jar}, or the shade plugin's {@code outputFile}
 * @param whenMissing what to do when the jar is not there (yet), without a final period
 */
public record ArtifactOrigin(String description, String whenMissing) {

    public static final ArtifactOrigin PROJECT_JAR = new ArtifactOrigin("the project's jar",
            "run the plugin in the package phase (mvn package), not on its own");
}
