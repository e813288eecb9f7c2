package dev.slimimage.plugin;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.InternetProtocol;
import dev.slimimage.docker.DockerDaemon;
import dev.slimimage.docker.DockerException;
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
 * Runs the built image once and checks it: by default that it exits 0 or keeps running for a few seconds;
 * optionally that it prints a line, or answers HTTP on a path. A failure shows the container's output and, for
 * jlink images, the module to add.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class VerifyMojo extends AbstractSlimMojo {

    private static final int OUTPUT_LINES = 40;

    /** The image to run. */
    @Parameter(property = "slim.image", defaultValue = "${project.artifactId}:${project.version}")
    protected String image;

    /** The daemon to use; default DOCKER_HOST, the Docker context, the default socket. */
    @Parameter(property = "slim.dockerHost")
    protected String dockerHost;

    /** Skips only this goal. */
    @Parameter(property = "slim.verify.skip", defaultValue = "false")
    protected boolean skipVerify;

    /** Arguments passed to the application's main. */
    @Parameter(property = "slim.verify.args")
    protected List<String> verifyArgs;

    /** A text the container must print (or, with verifyHttpPath, that the answer or the output must contain). */
    @Parameter(property = "slim.verify.output")
    protected String verifyOutput;

    /** A path, e.g. {@code /actuator/health}, that must answer 2xx/3xx on a published loopback port. */
    @Parameter(property = "slim.verify.httpPath")
    protected String verifyHttpPath;

    /** The container port for verifyHttpPath; default the image's first exposed TCP port. */
    @Parameter(property = "slim.verify.port")
    protected Integer verifyPort;

    /** Seconds to wait for the expected output or the HTTP answer. */
    @Parameter(property = "slim.verify.timeout", defaultValue = "60")
    protected int verifyTimeout;

    /** Seconds a container with nothing to wait for must keep running (or exit 0 within) to pass. */
    @Parameter(property = "slim.verify.runSeconds", defaultValue = "5")
    protected int verifyRunSeconds;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        if (skipVerify) {
            getLog().info("Skipping slim:verify: slim.verify.skip is set.");
            return;
        }
        try (DockerDaemon daemon = connect(dockerHost)) {
            var inspected = daemon.inspect(image).orElseThrow(() -> new MojoFailureException("The image " + image
                    + " is not on the Docker daemon at " + daemon.host() + ": build it first with slim:build (mvn package)."));
            OptionalInt port = verifyPort != null ? OptionalInt.of(verifyPort) : firstExposedTcpPort(inspected);
            boolean linked = inspected.getConfig() != null && inspected.getConfig().getLabels() != null
                    && "jlink".equals(inspected.getConfig().getLabels().get(AbstractPlanMojo.RUNTIME_LABEL));
            VerifyPlan plan = new VerifyPlan(image, verifyArgs == null ? List.of() : verifyArgs,
                    Optional.ofNullable(blankToNull(verifyOutput)), Optional.ofNullable(blankToNull(verifyHttpPath)), port,
                    Duration.ofSeconds(verifyTimeout), Duration.ofSeconds(verifyRunSeconds), linked);
            VerifyResult result = new ImageVerifier().verify(daemon, plan, getLog()::info);
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
        } catch (DockerException e) {
            throw failureOrThrow(e);
        }
    }

    private static OptionalInt firstExposedTcpPort(InspectImageResponse inspected) {
        if (inspected.getConfig() == null || inspected.getConfig().getExposedPorts() == null) {
            return OptionalInt.empty();
        }
        for (var exposed : inspected.getConfig().getExposedPorts()) {
            if (exposed.getProtocol() == InternetProtocol.TCP) {
                return OptionalInt.of(exposed.getPort());
            }
        }
        return OptionalInt.empty();
    }
}
