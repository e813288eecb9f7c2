package dev.slimimage.plugin;

import dev.slimimage.docker.DockerDaemon;
import dev.slimimage.docker.DockerException;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What every goal shares: the project, {@code skip}, and turning daemon errors into Maven's two kinds. */
abstract class AbstractSlimMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** Skips the goal. */
    @Parameter(property = "slim.skip", defaultValue = "false")
    protected boolean skip;

    /** Whether to skip, logging why. */
    protected boolean skipped() {
        if (skip) {
            getLog().info("Skipping slim: slim.skip is set.");
            return true;
        }
        if ("pom".equals(project.getPackaging())) {
            getLog().info("Skipping slim: " + project.getArtifactId() + " has pom packaging, so there is no jar to put in an image.");
            return true;
        }
        return false;
    }

    /**
     * A daemon problem is the environment's unless the user can fix it in the build: throws the former as
     * {@link MojoExecutionException}, returns the latter as a {@link MojoFailureException} to throw.
     */
    protected static MojoFailureException failureOrThrow(DockerException e) throws MojoExecutionException {
        if (e.isEnvironmental()) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        return new MojoFailureException(e.getMessage(), e);
    }

    protected static DockerDaemon connect(String dockerHost) throws MojoExecutionException {
        try {
            return DockerDaemon.connect(Optional.ofNullable(blankToNull(dockerHost)));
        } catch (DockerException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
