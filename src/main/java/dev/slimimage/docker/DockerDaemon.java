package dev.slimimage.docker;

import dev.slimimage.plan.PullPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The only class that talks to the Docker daemon. One instance per build; close it when done. */
public final class DockerDaemon implements AutoCloseable {

    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);

    private final DockerClient client;
    private final DockerHttpClient http;
    private final String host;
    private final ObjectMapper json = new ObjectMapper();

    private DockerDaemon(DockerClient client, DockerHttpClient http, String host) {
        this.client = client;
        this.http = http;
        this.host = host;
    }

    /**
     * Connects to the daemon named by {@code dockerHost}, else by DOCKER_HOST / the Docker context / the default
     * socket, and checks that it answers.
     */
    public static DockerDaemon connect(Optional<String> dockerHost) throws DockerException {
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder();
        dockerHost.filter(h -> !h.isBlank()).ifPresent(config::withDockerHost);
        DockerClientConfig resolved;
        try {
            resolved = config.build();
        } catch (RuntimeException e) {
            throw new DockerException("The Docker configuration could not be read (" + e.getMessage()
                    + "): fix DOCKER_HOST / ~/.docker/config.json or set <dockerHost>.", true, e);
        }
        String host = String.valueOf(resolved.getDockerHost());
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(resolved.getDockerHost())
                .sslConfig(resolved.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofMinutes(30))
                .build();
        DockerClient client = DockerClientImpl.getInstance(resolved, http);
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw new DockerException("No Docker daemon answered at " + host + " (" + rootMessage(e) + "): start Docker, "
                    + "or point the plugin at a running daemon with DOCKER_HOST or -Dslim.dockerHost=unix:///path/to/docker.sock.",
                    true, e);
        }
        return new DockerDaemon(client, http, host);
    }

    public String host() {
        return host;
    }

    public Optional<InspectImageResponse> inspect(String image) {
        try {
            return Optional.of(client.inspectImageCmd(image).exec());
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Makes sure {@code image} is on the daemon according to {@code policy}.
     *
     * @param purpose what the image is for, and which parameter chooses it, for the error message
     * @return whether it was pulled
     */
    public boolean ensureImage(String image, PullPolicy policy, String purpose, Consumer<String> log) throws DockerException {
        boolean present = inspect(image).isPresent();
        if (present && policy != PullPolicy.ALWAYS) {
            return false;
        }
        if (policy == PullPolicy.NEVER) {
            throw new DockerException("The " + purpose + " '" + image + "' is not on the Docker daemon at " + host
                    + " and pull=never forbids pulling it: load it with docker pull/docker load, or allow pulling with -Dslim.pull=missing.",
                    false, null);
        }
        log.accept("Pulling " + image);
        try {
            boolean done = client.pullImageCmd(image).exec(new PullImageResultCallback())
                    .awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (!done) {
                throw new IllegalStateException("no answer within " + PULL_TIMEOUT.toMinutes() + " minutes");
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DockerException("Interrupted while pulling " + image + ".", true, e);
        } catch (RuntimeException e) {
            throw new DockerException("The " + purpose + " '" + image + "' is not on the Docker daemon at " + host
                    + " and could not be pulled (" + rootMessage(e) + "): make it available with docker pull or docker load, "
                    + "or choose another image.", false, e);
        }
    }

    /**
     * Builds the context in {@code contextTar} (a tar with a {@code Dockerfile} at its root) and tags the result.
     * Streams the build output to {@code log}. On failure, removes the containers and untagged images the failed
     * build left.
     */
    public BuiltImage build(Path contextTar, Set<String> tags, boolean noCache, Consumer<String> log) throws DockerException {
        Set<String> danglingBefore = danglingImageIds();
        FailingStep step = new FailingStep();
        String imageId;
        try (InputStream context = Files.newInputStream(contextTar)) {
            imageId = client.buildImageCmd(context)
                    .withTags(tags)
                    .withPull(false)
                    .withNoCache(noCache)
                    .withRemove(true)
                    .withForcerm(true)
                    .exec(new BuildImageResultCallback() {
                        @Override
                        public void onNext(BuildResponseItem item) {
                            String stream = item.getStream();
                            if (stream != null) {
                                stream.lines().filter(l -> !l.isBlank()).forEach(line -> {
                                    log.accept(line);
                                    step.accept(line);
                                });
                            }
                            super.onNext(item);
                        }
                    })
                    .awaitImageId();
        } catch (IOException e) {
            throw new DockerException("Could not read the build context " + contextTar + ": " + e.getMessage(), true, e);
        } catch (RuntimeException e) {
            removeNewDanglingImages(danglingBefore);
            // No cause: the message already holds what it says, and Maven would print it all again.
            throw new DockerException(step.describeFailure(rootMessage(e)), false, null);
        }
        return describe(imageId);
    }

    /** Keeps the current build step and what it printed, to say which step failed and why. */
    static final class FailingStep implements Consumer<String> {
        private static final int MAX_LINES = 40;
        private static final Pattern EXIT_CODE = Pattern.compile("returned a non-zero code: (\\d+)");
        private String step = "";
        private final Deque<String> output = new ArrayDeque<>();

        @Override
        public void accept(String line) {
            if (line.startsWith("Step ")) {
                step = line;
                output.clear();
            } else if (!line.strip().startsWith("---> ") && !line.startsWith("Removing intermediate container")) {
                output.addLast(line);
                if (output.size() > MAX_LINES) {
                    output.removeFirst();
                }
            }
        }

        String describeFailure(String daemonMessage) {
            var code = EXIT_CODE.matcher(daemonMessage);
            String stepName = step.length() > 120 ? step.substring(0, 117) + "..." : step;
            StringBuilder message = new StringBuilder("The image build failed");
            message.append(stepName.isEmpty() ? "" : " at " + stepName);
            message.append(code.find() ? " (exit code " + code.group(1) + ")" : ": " + daemonMessage);
            if (!output.isEmpty()) {
                message.append(". The step printed:\n  ").append(String.join("\n  ", output));
            }
            return message.append("\nFix the cause it shows; the whole build output is in the log above.").toString();
        }
    }

    /** Size, layer digests and history of an image, exactly as the daemon reports them. */
    public BuiltImage describe(String image) throws DockerException {
        InspectImageResponse inspected = inspect(image).orElseThrow(() ->
                new DockerException("The image '" + image + "' disappeared from the daemon at " + host + " right after it was built.",
                        true, null));
        return new BuiltImage(inspected.getId(), inspected.getSize(), history(inspected.getId()));
    }

    // docker-java has no history command; the Engine API's GET /images/{name}/history is small and stable.
    private List<BuiltImage.HistoryEntry> history(String imageId) throws DockerException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/images/" + imageId + "/history")
                .build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            if (response.getStatusCode() != 200) {
                throw new IOException("HTTP " + response.getStatusCode());
            }
            List<BuiltImage.HistoryEntry> entries = new ArrayList<>();
            for (JsonNode node : json.readTree(body)) {
                entries.add(new BuiltImage.HistoryEntry(node.path("CreatedBy").asText(""), node.path("Size").asLong(0)));
            }
            return entries;
        } catch (IOException | RuntimeException e) {
            throw new DockerException("Could not read the history of image " + imageId + " from " + host + ": " + rootMessage(e), true, e);
        }
    }

    private Set<String> danglingImageIds() {
        Set<String> ids = new HashSet<>();
        try {
            for (Image image : client.listImagesCmd().withDanglingFilter(true).exec()) {
                ids.add(image.getId());
            }
        } catch (RuntimeException ignored) {
            // Best effort: without the list we simply clean up nothing.
        }
        return ids;
    }

    private void removeNewDanglingImages(Set<String> before) {
        for (String id : danglingImageIds()) {
            if (!before.contains(id)) {
                try {
                    client.removeImageCmd(id).exec();
                } catch (RuntimeException ignored) {
                    // Still used by a newer build, or already gone: either way not ours to force.
                }
            }
        }
    }

    public void tag(String imageId, String repository, String tag) throws DockerException {
        try {
            client.tagImageCmd(imageId, repository, tag).withForce(true).exec();
        } catch (RuntimeException e) {
            throw new DockerException("Could not tag " + imageId + " as " + repository + ":" + tag + ": " + rootMessage(e), true, e);
        }
    }

    // --- containers (for verify) ---------------------------------------------------------------------------

    /** A started container; {@code hostPort} is the loopback port published for the container port, if any. */
    public record StartedContainer(String id, OptionalInt hostPort) {}

    /** The exit code, or empty while the container is still running. */
    public record ContainerState(boolean running, long exitCode) {}

    /**
     * Creates and starts a container of {@code image} with {@code args} after its entrypoint, publishing
     * {@code containerPort} (if given) on a random port of 127.0.0.1 only.
     */
    public StartedContainer start(String image, List<String> args, OptionalInt containerPort) throws DockerException {
        String id = null;
        try {
            var create = client.createContainerCmd(image).withCmd(args).withLabels(Map.of("dev.slimimage.verify", "true"));
            HostConfig hostConfig = HostConfig.newHostConfig();
            if (containerPort.isPresent()) {
                ExposedPort exposed = ExposedPort.tcp(containerPort.getAsInt());
                Ports ports = new Ports();
                ports.bind(exposed, Ports.Binding.bindIp("127.0.0.1"));
                create.withExposedPorts(exposed);
                hostConfig.withPortBindings(ports);
            }
            id = create.withHostConfig(hostConfig).exec().getId();
            client.startContainerCmd(id).exec();
            OptionalInt hostPort = OptionalInt.empty();
            if (containerPort.isPresent()) {
                Ports.Binding[] bindings = client.inspectContainerCmd(id).exec().getNetworkSettings().getPorts().getBindings()
                        .get(ExposedPort.tcp(containerPort.getAsInt()));
                if (bindings != null && bindings.length > 0) {
                    hostPort = OptionalInt.of(Integer.parseInt(bindings[0].getHostPortSpec()));
                }
            }
            return new StartedContainer(id, hostPort);
        } catch (RuntimeException e) {
            if (id != null) {
                remove(id);
            }
            throw new DockerException("Could not start a container of " + image + " on " + host + ": " + rootMessage(e), false, e);
        }
    }

    public ContainerState state(String containerId) {
        var state = client.inspectContainerCmd(containerId).exec().getState();
        return new ContainerState(Boolean.TRUE.equals(state.getRunning()),
                state.getExitCodeLong() == null ? -1 : state.getExitCodeLong());
    }

    /** Everything the container wrote to stdout and stderr so far, interleaved as it came. */
    public String logs(String containerId) {
        StringBuilder out = new StringBuilder();
        try {
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(false)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.append("(could not read the container's output: ").append(rootMessage(e)).append(')');
        }
        return out.toString();
    }

    /** Removes the container, running or not; a missing one is fine. */
    public void remove(String containerId) {
        try {
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException gone) {
            // Already removed.
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        if (t != e && e.getMessage() != null && !e.getMessage().contains(message)) {
            message = e.getMessage().strip() + ": " + message.strip();
        }
        return daemonMessage(message.strip());
    }

    private static final Pattern JSON_MESSAGE = Pattern.compile("\\{\"message\":\"((?:[^\"\\\\]|\\\\.)*)\"\\}");

    /** docker-java passes the daemon's JSON error body through ("Status 404: {"message":"…"}"); keep the sentence. */
    static String daemonMessage(String message) {
        Matcher json = JSON_MESSAGE.matcher(message);
        return json.find() ? json.group(1).replace("\\\"", "\"").strip() : message;
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // Nothing to release on a client that never connected.
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
    }
}
