package dev.slimimage.plugin;

import dev.slimimage.analysis.AnalysisException;
import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.Dependency;
import dev.slimimage.analysis.Layer;
import dev.slimimage.analysis.ProjectAnalyzer;
import dev.slimimage.analysis.ProjectInput;
import dev.slimimage.build.GitRevision;
import dev.slimimage.build.OutputTimestamp;
import dev.slimimage.build.SlimImageBuilder;
import dev.slimimage.dockerfile.ImagePlan;
import dev.slimimage.dockerfile.RuntimeKind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.License;
import org.apache.maven.model.Plugin;
import dev.slimimage.docker.DockerDaemon;
import dev.slimimage.docker.DockerException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

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
