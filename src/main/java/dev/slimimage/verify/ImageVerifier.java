package dev.slimimage.verify;

import dev.slimimage.docker.DockerDaemon;
import dev.slimimage.docker.DockerException;
import dev.slimimage.modules.JdkModules;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** Runs a built image once and checks that it does what it should; the container is always removed. */
public final class ImageVerifier {

    private static final Duration POLL = Duration.ofMillis(300);

    public VerifyResult verify(DockerDaemon daemon, VerifyPlan plan, Consumer<String> log) throws DockerException {
        OptionalInt port = plan.httpPath().isPresent() ? plan.containerPort() : OptionalInt.empty();
        DockerDaemon.StartedContainer container = daemon.start(plan.image(), plan.args(), port);
        try {
            log.accept("Verifying " + plan.image() + " in container " + container.id().substring(0, 12) + describe(plan, container));
            String failure = plan.httpPath().isPresent()
                    ? awaitHttp(daemon, plan, container)
                    : awaitRunOrOutput(daemon, plan, container.id());
            String output = daemon.logs(container.id());
            if (failure == null) {
                return new VerifyResult(true, "passed", output, List.of());
            }
            return new VerifyResult(false, failure, output,
                    new FailureDiagnosis(new JdkModules()).hints(output, plan.linkedRuntime()));
        } finally {
            daemon.remove(container.id());
        }
    }

    private static String describe(VerifyPlan plan, DockerDaemon.StartedContainer container) {
        if (plan.httpPath().isPresent()) {
            return ": GET http://127.0.0.1:" + container.hostPort().orElse(-1) + plan.httpPath().get();
        }
        return plan.expectedOutput().map(o -> ": waiting for \"" + o + "\"")
                .orElse(": it must exit 0 or keep running for " + plan.runFor().toSeconds() + " s");
    }

    /** @return null when it passed, else why not */
    private static String awaitRunOrOutput(DockerDaemon daemon, VerifyPlan plan, String id) {
        long start = System.nanoTime();
        while (true) {
            DockerDaemon.ContainerState state = daemon.state(id);
            boolean sawOutput = plan.expectedOutput().map(expected -> daemon.logs(id).contains(expected)).orElse(false);
            if (!state.running()) {
                if (state.exitCode() != 0) {
                    return "the container exited with code " + state.exitCode();
                }
                if (plan.expectedOutput().isPresent() && !daemon.logs(id).contains(plan.expectedOutput().get())) {
                    return "the container exited 0 without printing \"" + plan.expectedOutput().get() + "\"";
                }
                return null;
            }
            if (sawOutput) {
                return null;
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (plan.expectedOutput().isEmpty() && elapsed.compareTo(plan.runFor()) >= 0) {
                return null;
            }
            if (elapsed.compareTo(plan.timeout()) >= 0) {
                return "the container did not print \"" + plan.expectedOutput().orElse("") + "\" within " + plan.timeout().toSeconds() + " s";
            }
            sleep();
        }
    }

    private static String awaitHttp(DockerDaemon daemon, VerifyPlan plan, DockerDaemon.StartedContainer container) {
        if (container.hostPort().isEmpty()) {
            return "no container port to publish for the HTTP check: set <verifyPort> or EXPOSE a port with <ports>";
        }
        URI uri = URI.create("http://127.0.0.1:" + container.hostPort().getAsInt() + plan.httpPath().get());
        long start = System.nanoTime();
        String last = "no answer";
        while (Duration.ofNanos(System.nanoTime() - start).compareTo(plan.timeout()) < 0) {
            DockerDaemon.ContainerState state = daemon.state(container.id());
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
                            && !daemon.logs(container.id()).contains(plan.expectedOutput().get())) {
                        return uri + " answered " + status + " but neither the body nor the output contains \""
                                + plan.expectedOutput().get() + "\"";
                    }
                    return null;
                }
                last = "HTTP " + status;
            } catch (IOException notYet) {
                last = notYet.getClass().getSimpleName() + ": " + notYet.getMessage();
            }
            sleep();
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

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while verifying", e);
        }
    }
}
