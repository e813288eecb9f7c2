package dev.slimimage.plugin;

import dev.slimimage.context.StagingException;
import dev.slimimage.docker.DockerConnector;
import dev.slimimage.plan.ConfigurationException;
import dev.slimimage.docker.DockerException;
import dev.slimimage.pipeline.BuildLog;
import dev.slimimage.pipeline.BuildOutcome;
import dev.slimimage.pipeline.BuildRequest;
import dev.slimimage.pipeline.SlimImageBuilder;
import dev.slimimage.plan.ImageReference;
import dev.slimimage.plan.PullPolicy;
import dev.slimimage.plan.SizeBudget;
import dev.slimimage.report.ReportFormatter;
import dev.slimimage.report.SizeReport;
import java.io.IOException;
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

    /** Further tags for the same repository (e.g. {@code latest}), or full references. */
    @Parameter(property = "slim.tags")
    protected List<String> tags;

    /** When to pull base images: {@code missing}, {@code always} or {@code never}. */
    @Parameter(property = "slim.pull", defaultValue = "missing")
    protected String pull;

    /** Builds every step afresh instead of reusing the daemon's layer cache. */
    @Parameter(property = "slim.noCache", defaultValue = "false")
    protected boolean noCache;

    /**
     * Builds even when the image is up to date: by default a build whose inputs (the plan, every file of the image, the
     * base images' ids, these parameters) are those of the last successful build, and whose image still carries its
     * tags, only says so.
     */
    @Parameter(property = "slim.force", defaultValue = "false")
    protected boolean force;

    /** Also pushes the image right after building it, for pipelines that never run {@code deploy}. */
    @Parameter(property = "slim.build.push", defaultValue = "false")
    protected boolean push;

    /**
     * Fails the build when the image is bigger than this, unpacked: {@code 120MB}, {@code 120MiB}, {@code 1.5GB} or
     * bytes. The image stays built and tagged, so the report can show why.
     */
    @Parameter(property = "slim.maxImageSize")
    protected String maxImageSize;

    /** Fails the build when a layer the build adds (runtime, dependencies, classes…) is bigger than this, unpacked. */
    @Parameter(property = "slim.maxLayerSize")
    protected String maxLayerSize;

    /** Skips the push that {@link #push} asks for. */
    @Parameter(property = "slim.push.skip", defaultValue = "false")
    protected boolean pushSkip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        long start = System.nanoTime();
        BuildRequest request = request();
        long planned = System.nanoTime();
        getLog().debug("slim: reading the project and planning took " + (planned - start) / 1_000_000 + " ms");
        BuildLog log = new MavenBuildLog(getLog(), buildOutputPrefix(), this::logStaged);
        BuildOutcome outcome;
        try {
            outcome = new SlimImageBuilder(DockerConnector.dockerJava()).build(request, log);
            getLog().debug("slim: the build step (daemon, up-to-date check or build and report) took "
                    + (System.nanoTime() - planned) / 1_000_000 + " ms");
        } catch (DockerException e) {
            throw rethrow(e);
        } catch (StagingException e) {
            throw userProblem(e);
        } catch (IOException e) {
            throw environmentProblem(e);
        }
        if (outcome.report().isPresent()) {
            new ReportFormatter().table(outcome.report().get()).forEach(getLog()::info);
        } else {
            getLog().info("Its report: " + shown(outcome.htmlFile()));
        }
        SizeReport.Budget budget = outcome.report().map(SizeReport::budget).orElse(null);
        if (budget != null && budget.exceeded() != null) {
            // Not before the table and the page: they show which layers to work on.
            throw new MojoFailureException(budget.exceeded() + "; the image stays built and tagged as " + image + ", and "
                    + shown(outcome.htmlFile()) + " shows its layers.");
        }
        if (push && pushSkip) {
            getLog().info("Skipping the push: slim.push.skip is set.");
        } else if (push) {
            pushImage(request.contextDirectory().toFile());
        }
    }

    private BuildRequest request() throws MojoExecutionException, MojoFailureException {
        List<String> extraTags = new ArrayList<>();
        PullPolicy pullPolicy;
        SizeBudget budget;
        try {
            budget = SizeBudget.parse(maxImageSize, maxLayerSize);
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
            throw userProblem(e);
        }
        return new BuildRequest(plan(), checkedOutputDirectory(), cacheDirectory(), image, extraTags, pullPolicy, noCache,
                explicitDockerHost(), credentialResolver(), budget, force);
    }
}
