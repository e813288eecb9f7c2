package dev.slimimage.verify;

import dev.slimimage.docker.ContainerSpec;
import dev.slimimage.docker.ContainerState;
import dev.slimimage.docker.DockerConnector;
import dev.slimimage.docker.DockerContainers;
import dev.slimimage.docker.DockerDaemon;
import dev.slimimage.docker.DockerException;
import dev.slimimage.docker.ImageInfo;
import dev.slimimage.docker.ImageNotAvailableException;
import dev.slimimage.docker.StartedContainer;
import dev.slimimage.modules.JdkModules;
import dev.slimimage.plan.RuntimeKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** Runs a built image once and checks that it does what it should; the container is always removed. */
public final class ImageVerifier {

    /** Every verify container carries it, with the project as value. */
    public static final String CONTAINER_LABEL = "dev.slimimage.verify";
    private static final Duration POLL = Duration.ofMillis(300);

    private final DockerConnector connector;
    private final PortProbe probe;

    public ImageVerifier(DockerConnector connector) {
        this(connector, PortProbe.TCP);
    }

    ImageVerifier(DockerConnector connector, PortProbe probe) {
        this.connector = connector;
        this.probe = probe;
    }

    public VerifyResult verify(VerifyPlan plan, Consumer<String> log) throws DockerException, InterruptedException {
        try (DockerDaemon daemon = connector.connect(plan.dockerHost())) {
            log.accept(daemon.choice());
            ImageInfo image = daemon.images().inspect(plan.image()).orElseThrow(() -> new ImageNotAvailableException("The image "
                    + plan.image() + " is not on the Docker daemon at " + daemon.host() + ": build it first with slim:build "
                    + "(mvn package).", null));
            boolean linked = RuntimeKind.JLINK.id().equals(image.labels().get(RuntimeKind.RUNTIME_LABEL));
            Optional<StartupCacheCheck> cache = StartupCacheCheck.of(image);
            OptionalInt port = checkedPort(plan, image);
            DockerContainers containers = daemon.containers();
            for (String leftover : containers.withLabel(CONTAINER_LABEL, plan.project())) {
                log.accept("Removing container " + leftover.substring(0, 12) + ", left by an earlier verify run of this project.");
                containers.remove(leftover);
            }
            long startedAt = System.nanoTime();
            StartedContainer container = containers.start(new ContainerSpec(plan.image(), plan.args(),
                    Map.of(CONTAINER_LABEL, plan.project()), port, cache.map(c -> c.environment(image.env())).orElse(Map.of())));
            try {
                log.accept("Verifying " + plan.image() + " in container " + container.id().substring(0, 12) + describe(plan, container)
                        + cache.map(StartupCacheCheck::describe).orElse(""));
                boolean portCheck = plan.httpPath().isEmpty() && port.isPresent();
                String failure = plan.httpPath().isPresent() ? awaitHttp(containers, plan, container)
                        : portCheck ? awaitPort(containers, plan, container, port.getAsInt(), startedAt)
                        : awaitRunOrOutput(containers, plan, container.id());
                String output = containers.logs(container.id());
                if (failure == null) {
                    return new VerifyResult(true, "passed", output, List.of());
                }
                // The JVM stops at once when a required cache does not map: that, not the check it broke, is the failure.
                Optional<VerifyResult> refused = cache.flatMap(c -> c.refusal(plan.image(), output));
                if (refused.isPresent()) {
                    return refused.get();
                }
                List<String> hints = new ArrayList<>(new FailureDiagnosis(new JdkModules()).hints(output, linked));
                if (portCheck) {
                    hints.add("If the application needs arguments or configuration before it listens, give them with <verifyArgs>; to "
                            + "check something else instead, set <verifyOutput> or <verifyHttpPath>, or <verifyPort>0</verifyPort> to "
                            + "skip the port check.");
                }
                return new VerifyResult(false, failure, output, hints);
            } finally {
                removeQuietly(containers, container.id());
            }
        }
    }

    /**
     * The port to publish: the HTTP check's, or with no output to wait for, the one the port check waits on (an image
     * that EXPOSEs a port promises a server there: a container that only prints usage and exits 0 must not pass).
     * {@code verifyPort} 0 means no port check.
     */
    static OptionalInt checkedPort(VerifyPlan plan, ImageInfo image) {
        if (plan.httpPath().isEmpty() && plan.expectedOutput().isPresent()) {
            return OptionalInt.empty();
        }
        boolean noPortCheck = plan.containerPort().equals(OptionalInt.of(VerifyPlan.NO_PORT_CHECK));
        if (noPortCheck && plan.httpPath().isEmpty()) {
            return OptionalInt.empty();
        }
        return plan.containerPort().isPresent() && !noPortCheck ? plan.containerPort() : firstExposedTcpPort(image);
    }

    private static OptionalInt firstExposedTcpPort(ImageInfo image) {
        return image.exposedPorts().stream().filter(p -> p.endsWith("/tcp"))
                .mapToInt(p -> Integer.parseInt(p.substring(0, p.indexOf('/')))).findFirst();
    }

    /** A daemon that died mid-verify cannot remove it; the next run does, by the project label. */
    private static void removeQuietly(DockerContainers containers, String id) {
        try {
            containers.remove(id);
        } catch (DockerException ignored) {
            // The verify's own outcome or error is what matters.
        }
    }

    private static String describe(VerifyPlan plan, StartedContainer container) {
        if (plan.httpPath().isPresent()) {
            return ": GET http://" + container.address() + ":" + container.hostPort().orElse(-1) + plan.httpPath().get();
        }
        if (container.hostPort().isPresent()) {
            return ": the port it exposes must accept a connection within " + plan.timeout().toSeconds() + " s (published on "
                    + container.address() + ":"
                    + container.hostPort().getAsInt() + ")";
        }
        return plan.expectedOutput().map(o -> ": waiting for \"" + o + "\"")
                .orElse(": it must exit 0 or keep running for " + plan.runFor().toSeconds() + " s");
    }

    /** @return null when it passed, else why not */
    static String awaitRunOrOutput(DockerContainers containers, VerifyPlan plan, String id)
            throws DockerException, InterruptedException {
        long start = System.nanoTime();
        while (true) {
            ContainerState state = containers.state(id);
            if (plan.expectedOutput().isPresent()) {
                String expected = plan.expectedOutput().get();
                boolean printed = containers.logs(id).contains(expected);
                if (printed) {
                    return state.running() || state.exitCode() == 0 ? null : "the container exited with code " + state.exitCode();
                }
                if (!state.running()) {
                    return state.exitCode() != 0 ? "the container exited with code " + state.exitCode()
                            : "the container exited 0 without printing \"" + expected + "\"";
                }
                if (elapsed(start).compareTo(plan.timeout()) >= 0) {
                    return "the container did not print \"" + expected + "\" within " + plan.timeout().toSeconds() + " s";
                }
            } else {
                if (!state.running()) {
                    return state.exitCode() == 0 ? null : "the container exited with code " + state.exitCode();
                }
                if (elapsed(start).compareTo(plan.runFor()) >= 0) {
                    return null;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * @param startedAt when the container was started ({@link System#nanoTime()}): how long it ran before it exited
     * @return null when the published port accepted a connection, else which port did not open in how long, and the last line
     */
    String awaitPort(DockerContainers containers, VerifyPlan plan, StartedContainer container, int containerPort, long startedAt)
            throws DockerException, InterruptedException {
        String port = containerPort + "/tcp";
        if (container.hostPort().isEmpty()) {
            return "port " + port + " could not be published for the port check";
        }
        long start = System.nanoTime();
        while (true) {
            ContainerState state = containers.state(container.id());
            if (probe.accepts(container.address(), container.hostPort().getAsInt())) {
                return null;
            }
            if (!state.running()) {
                return "port " + port + " never accepted a connection: the container exited with code " + state.exitCode() + " after "
                        + seconds(elapsed(startedAt)) + " s; " + lastLine(containers.logs(container.id()));
            }
            if (elapsed(start).compareTo(plan.timeout()) >= 0) {
                return "port " + port + " did not accept a connection within " + plan.timeout().toSeconds() + " s; "
                        + lastLine(containers.logs(container.id()));
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "the container printed nothing"
                : "it last printed \"" + lines.get(lines.size() - 1).strip() + "\"";
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private static Duration elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static String awaitHttp(DockerContainers containers, VerifyPlan plan, StartedContainer container)
            throws DockerException, InterruptedException {
        if (container.hostPort().isEmpty()) {
            return "no container port to publish for the HTTP check: set <verifyPort> or EXPOSE a port with <ports>";
        }
        URI uri = URI.create("http://" + container.address() + ":" + container.hostPort().getAsInt() + plan.httpPath().get());
        long start = System.nanoTime();
        String last = "no answer";
        while (elapsed(start).compareTo(plan.timeout()) < 0) {
            ContainerState state = containers.state(container.id());
            if (!state.running()) {
                return "the container exited with code " + state.exitCode() + " before " + uri + " answered";
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(5000);
                int status = connection.getResponseCode();
                String body = readQuietly(connection);
                if (status >= 200 && status < 400) {
                    if (plan.expectedOutput().isPresent() && !body.contains(plan.expectedOutput().get())
                            && !containers.logs(container.id()).contains(plan.expectedOutput().get())) {
                        return uri + " answered " + status + " but neither the body nor the output contains \""
                                + plan.expectedOutput().get() + "\"";
                    }
                    return null;
                }
                last = "HTTP " + status;
            } catch (IOException notYet) {
                last = notYet.getClass().getSimpleName() + ": " + notYet.getMessage();
            }
            Thread.sleep(POLL.toMillis());
        }
        return uri + " did not answer with 2xx/3xx within " + plan.timeout().toSeconds() + " s (last: " + last + ")";
    }

    private static String readQuietly(HttpURLConnection connection) {
        try (InputStream in = connection.getInputStream()) {
            return new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
