package dev.slimimage.plugin;

import dev.slimimage.docker.DaemonRequestException;
import dev.slimimage.docker.DaemonUnavailableException;
import dev.slimimage.docker.DockerException;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/** What every goal shares: the project, the image, the daemon, {@code skip}, and turning errors into Maven's two kinds. */
abstract class AbstractSlimMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Skips the goal. */
    @Parameter(property = "slim.skip", defaultValue = "false")
    protected boolean skip;

    /** The image reference: what build tags and verify runs. */
    @Parameter(property = "slim.image", defaultValue = "${project.artifactId}:${project.version}")
    protected String image;

    /** The daemon to use, e.g. {@code unix:///run/user/1000/docker.sock}; default DOCKER_HOST, the Docker context, the default socket. */
    @Parameter(property = "slim.dockerHost")
    protected String dockerHost;

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

    protected Optional<String> explicitDockerHost() {
        return Optional.ofNullable(blankToNull(dockerHost));
    }

    /**
     * The environment's problems (a daemon that does not answer or fails a request a healthy one grants) stop the
     * build as {@link MojoExecutionException}; everything the user can fix in the build is a {@link MojoFailureException}.
     */
    protected MojoExecutionException rethrow(DockerException e) throws MojoFailureException {
        if (e instanceof DaemonUnavailableException || e instanceof DaemonRequestException) {
            return environmentProblem(e);
        }
        throw userProblem(e);
    }

    /**
     * The user's problem, as its one sentence. The library exceptions behind it go to the debug log (-X) only: as a
     * cause, Maven would print their messages again after the sentence, and their stack traces with -e.
     */
    protected MojoFailureException userProblem(Exception e) {
        logCause(e);
        return new MojoFailureException(e.getMessage());
    }

    /** The environment's problem, as its one sentence; the exceptions behind it go to the debug log only. */
    protected MojoExecutionException environmentProblem(Exception e) {
        logCause(e);
        return new MojoExecutionException(e.getMessage());
    }

    private void logCause(Exception e) {
        if (getLog().isDebugEnabled()) {
            getLog().debug("What led to the failure reported below:", e);
        }
    }

    /** In a parallel reactor the daemon's lines of several modules interleave; the module name tells them apart. */
    protected String buildOutputPrefix() {
        return session != null && session.isParallel() ? "[docker " + project.getArtifactId() + "] " : "[docker] ";
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
