package dev.slimimage.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.transport.DockerHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The DockerContainers facet through docker-java. */
record DockerJavaContainers(DockerJavaDaemon daemon) implements DockerContainers {

    static final long LOGS_TIMEOUT_SECONDS = 30;
    /** The archive API's answer header: the path's stat as base64 JSON ({@code name}, {@code size}, {@code mode}, …). */
    private static final String PATH_STAT_HEADER = "X-Docker-Container-Path-Stat";
    /** Go's os.ModeDir and os.ModeSymlink, as the stat's mode carries them. */
    private static final long NOT_A_FILE = (1L << 31) | (1L << 27);


    @Override
    public StartedContainer start(ContainerSpec spec) throws DockerException {
        PublishAddress address = PublishAddress.of(daemon.host());
        String id = daemon.call("creating a container of " + spec.image(), () -> {
            var create = daemon.client().createContainerCmd(spec.image()).withCmd(spec.args()).withLabels(spec.labels());
            if (!spec.env().isEmpty()) {
                create.withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList());
            }
            HostConfig hostConfig = HostConfig.newHostConfig();
            spec.publishTcpPort().ifPresent(port -> {
                ExposedPort exposed = ExposedPort.tcp(port);
                Ports ports = new Ports();
                ports.bind(exposed, Ports.Binding.bindIp(address.bindIp()));
                create.withExposedPorts(exposed);
                hostConfig.withPortBindings(ports);
            });
            return create.withHostConfig(hostConfig).exec().getId();
        });
        try {
            return daemon.call("starting container " + ImageIds.shortId(id) + " of " + spec.image(), () -> {
                daemon.client().startContainerCmd(id).exec();
                OptionalInt hostPort = OptionalInt.empty();
                if (spec.publishTcpPort().isPresent()) {
                    Ports.Binding[] bindings = daemon.client().inspectContainerCmd(id).exec().getNetworkSettings().getPorts()
                            .getBindings().get(ExposedPort.tcp(spec.publishTcpPort().getAsInt()));
                    if (bindings != null && bindings.length > 0) {
                        hostPort = OptionalInt.of(Integer.parseInt(bindings[0].getHostPortSpec()));
                    }
                }
                return new StartedContainer(id, hostPort, address.probeHost());
            });
        } catch (DockerException e) {
            removeQuietly(id);
            throw e;
        }
    }

    @Override
    public ContainerState state(String containerId) throws DockerException {
        return daemon.call("inspecting container " + ImageIds.shortId(containerId), () -> {
            var state = daemon.client().inspectContainerCmd(containerId).exec().getState();
            return new ContainerState(Boolean.TRUE.equals(state.getRunning()),
                    state.getExitCodeLong() == null ? -1 : state.getExitCodeLong());
        });
    }

    @Override
    public String logs(String containerId) throws DockerException {
        StringBuilder out = new StringBuilder();
        QuietCallback<Frame> callback = new QuietCallback<>(frame -> {
            synchronized (out) {
                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
            }
        });
        try {
            daemon.client().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(false).exec(callback);
            callback.await(LOGS_TIMEOUT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            callback.onError(e);
        }
        if (callback.error() != null && !(callback.error() instanceof NotFoundException)) {
            throw daemon.failure("reading the output of container " + ImageIds.shortId(containerId), callback.error());
        }
        synchronized (out) {
            return out.toString();
        }
    }

    @Override
    public void remove(String containerId) throws DockerException {
        daemon.call("removing container " + ImageIds.shortId(containerId), () -> {
            try {
                daemon.client().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                // Already removed.
            }
            return null;
        });
    }

    @Override
    public List<String> withLabel(String key, String value) throws DockerException {
        return daemon.call("listing containers labelled " + key, () -> daemon.client().listContainersCmd()
                .withShowAll(true).withLabelFilter(Map.of(key, value)).exec().stream().map(Container::getId).toList());
    }

    @Override
    public Map<String, Long> fileSizes(String image, List<String> paths) throws DockerException {
        // An image without ENTRYPOINT or CMD (a base image) needs a command to create a container; it never runs.
        String id = daemon.call("creating a container of " + image + " to read file sizes",
                () -> daemon.client().createContainerCmd(image).withEntrypoint("/slim-never-started").exec().getId());
        try {
            Map<String, Long> sizes = new LinkedHashMap<>();
            for (String path : paths) {
                Long size = fileSize(id, path);
                if (size != null) {
                    sizes.put(path, size);
                }
            }
            return sizes;
        } finally {
            removeQuietly(id);
        }
    }

    /**
     * GET /containers/{id}/archive answers with the path's stat in a header before the tar: the header is all that is read,
     * so a file of many megabytes costs no more than a small one.
     */
    private Long fileSize(String containerId, String path) throws DockerException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + containerId + "/archive?path=" + URLEncoder.encode(path, StandardCharsets.UTF_8)).build();
        try (DockerHttpClient.Response response = daemon.http().execute(request)) {
            if (response.getStatusCode() == 404) {
                return null;
            }
            String stat = response.getHeader(PATH_STAT_HEADER);
            if (response.getStatusCode() != 200 || stat == null) {
                throw new IOException("HTTP " + response.getStatusCode() + (stat == null ? " without " + PATH_STAT_HEADER : ""));
            }
            JsonNode node = new ObjectMapper().readTree(Base64.getDecoder().decode(stat.strip()));
            return (node.path("mode").asLong(0) & NOT_A_FILE) != 0 ? null : node.path("size").asLong();
        } catch (IOException | RuntimeException e) {
            throw daemon.failure("reading the size of " + path + " in container " + ImageIds.shortId(containerId), e);
        }
    }

    private void removeQuietly(String id) {
        try {
            remove(id);
        } catch (DockerException ignored) {
            // The start failed already; that is the error to report.
        }
    }

}
