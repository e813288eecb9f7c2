package dev.slimimage.plugin;


import dev.slimimage.plan.ConfigurationException;
import dev.slimimage.plan.ImageReference;
import dev.slimimage.pipeline.SlimImageBuilder;
import dev.slimimage.docker.DockerDaemon;
import dev.slimimage.docker.DockerException;
import dev.slimimage.plan.PullPolicy;
import dev.slimimage.report.ReportFormatter;
import dev.slimimage.report.SizeReport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Writes the Dockerfile, builds it on the Docker daemon, tags the image and reports the size saved. */
@Mojo(name = "build", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class BuildMojo extends AbstractPlanMojo {

    /** The image reference to tag the result with. */
    @Parameter(property = "slim.image", defaultValue = "${project.artifactId}:${project.version}")
    protected String image;

    /** Further tags for the same repository (e.g. {@code latest}), or full references. */
    @Parameter(property = "slim.tags")
    protected List<String> tags;

    /** When to pull base images: {@code missing}, {@code always} or {@code never}. */
    @Parameter(property = "slim.pull", defaultValue = "missing")
    protected String pull;

    /** The daemon to use, e.g. {@code unix:///run/user/1000/docker.sock}; default DOCKER_HOST, the Docker context, the default socket. */
    @Parameter(property = "slim.dockerHost")
    protected String dockerHost;

    /** Builds every step afresh instead of reusing the daemon's layer cache. */
    @Parameter(property = "slim.noCache", defaultValue = "false")
    protected boolean noCache;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        List<String> extraTags = new ArrayList<>();
        PullPolicy pullPolicy;
        try {
            ImageReference.validate(image, "image (slim.image)");
            if (tags != null) {
                for (String tag : tags) {
                    if (!tag.isBlank()) {
                        extraTags.add(ImageReference.withTag(image, tag.strip()));
                    }
                }
            }
            pullPolicy = PullPolicy.parse(pull);
        } catch (ConfigurationException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
        // Connect first: without a daemon there is nothing to stage for.
        SizeReport report;
        SlimImageBuilder.StagedContext staged;
        try (DockerDaemon daemon = connect(dockerHost)) {
            staged = stageContext();
            getLog().info("Building " + image + " on " + daemon.host());
            report = new SlimImageBuilder().build(daemon, staged, image, extraTags, pullPolicy, noCache,
                    getLog()::info, line -> getLog().info("[docker] " + line));
        } catch (DockerException e) {
            throw failureOrThrow(e);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not pack the build context under target/slim (" + e.getMessage()
                    + "): check that target/ is writable and the disk has space.", e);
        }
        Path reportFile = staged.contextDirectory().resolve("report.json");
        ReportFormatter formatter = new ReportFormatter();
        try {
            formatter.writeJson(report, reportFile);
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write " + reportFile + " (" + e.getMessage() + "): check the disk.", e);
        }
        formatter.table(report).forEach(getLog()::info);
    }
}
