package dev.slimimage.plugin;

import dev.slimimage.docker.DockerConnector;
import dev.slimimage.docker.DockerException;
import dev.slimimage.plan.ConfigurationException;
import dev.slimimage.verify.ImageVerifier;
import dev.slimimage.verify.VerifyPlan;
import dev.slimimage.verify.VerifyResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs the built image once and checks it: by default that the port it exposes accepts a connection, or, with no
 * port, that it exits 0 or keeps running for a few seconds; optionally that it prints a line, or answers HTTP on a
 * path. A failure shows the container's output and, for jlink images, the module to add. An image with a startup
 * cache runs with the cache required, so that one the JVM cannot use fails instead of silently starting slower.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class VerifyMojo extends AbstractSlimMojo {

    private static final int OUTPUT_LINES = 40;

    /** Skips only this goal. */
    @Parameter(property = "slim.verify.skip", defaultValue = "false")
    protected boolean skipVerify;

    /** Arguments passed to the application's main; given as one text, split into words as a shell would. */
    @Parameter(property = "slim.verify.args")
    protected List<String> verifyArgs;

    /** A text the container must print (or, with verifyHttpPath, that the answer or the output must contain). */
    @Parameter(property = "slim.verify.output")
    protected String verifyOutput;

    /** A path, e.g. {@code /actuator/health}, that must answer 2xx/3xx on a published loopback port. */
    @Parameter(property = "slim.verify.httpPath")
    protected String verifyHttpPath;

    /**
     * The container port for verifyHttpPath, or for the port check that runs when the image exposes a TCP port and
     * nothing else is to be waited for; default the image's first exposed TCP port. 0 skips the port check.
     */
    @Parameter(property = "slim.verify.port")
    protected Integer verifyPort;

    /** Seconds to wait for the expected output or the HTTP answer. */
    @Parameter(property = "slim.verify.timeout", defaultValue = "60")
    protected int verifyTimeout;

    /** Seconds a container with nothing to wait for must keep running (or exit 0 within) to pass. */
    @Parameter(property = "slim.verify.runSeconds", defaultValue = "5")
    protected int verifyRunSeconds;

    /** verifyArgs as one text (a property) are split into words as a shell would, not on commas. */
    private List<String> verifyArgs() throws MojoFailureException {
        try {
            List<String> words = PropertyWords.of(verifyArgs, session, mojoExecution, "verifyArgs", "slim.verify.args");
            return words == null ? List.of() : words;
        } catch (ConfigurationException e) {
            throw userProblem(e);
        }
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        if (skipVerify) {
            getLog().info("Skipping slim:verify: slim.verify.skip is set.");
            return;
        }
        VerifyPlan plan = new VerifyPlan(image, explicitDockerHost(), project.getBasedir().getAbsolutePath(),
                verifyArgs(),
                Optional.ofNullable(blankToNull(verifyOutput)), Optional.ofNullable(blankToNull(verifyHttpPath)),
                verifyPort != null ? OptionalInt.of(verifyPort) : OptionalInt.empty(),
                Duration.ofSeconds(verifyTimeout), Duration.ofSeconds(verifyRunSeconds));
        VerifyResult result;
        try {
            result = new ImageVerifier(DockerConnector.dockerJava()).verify(plan, getLog()::info);
        } catch (DockerException e) {
            throw rethrow(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("Interrupted while verifying " + image + ".", e);
        }
        if (result.passed()) {
            getLog().info("Verified " + image + ".");
            return;
        }
        StringBuilder message = new StringBuilder("Image " + image + " failed verification: " + result.summary() + ".");
        result.hints().forEach(h -> message.append("\n").append(h));
        List<String> lines = result.output().lines().toList();
        message.append("\nContainer output").append(lines.size() > OUTPUT_LINES ? " (last " + OUTPUT_LINES + " lines)" : "")
                .append(":\n  ").append(String.join("\n  ", lines.subList(Math.max(0, lines.size() - OUTPUT_LINES), lines.size())));
        throw new MojoFailureException(message.toString());
    }
}
