package dev.slimimage.docker;

import dev.slimimage.json.Json;
import dev.slimimage.registry.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A daemon on a local unix socket (Docker's or Podman's) that answers the ping, {@code /version}, image inspects,
 * histories, tags and removals, and builds, itself, with the JDK alone ({@link UnixSocketHttp}), and opens docker-java's
 * client only when something more is asked: a pull, a container, a push. A build on a pulled base so never pays for
 * docker-java's start-up (seconds in a fresh JVM). Whatever the quick way cannot answer, docker-java answers, with its
 * messages.
 */
final class UnixSocketDaemon implements DockerDaemon {

    /** References the quick inspect puts into a request path as they are; anything else goes through docker-java. */
    private static final Pattern PLAIN_REFERENCE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]*");

    /** Opens docker-java's daemon for the same address. */
    @FunctionalInterface
    interface FullDaemon {
        DockerDaemon open() throws DockerException, IOException;
    }

    private final UnixSocketHttp http;
    private final DaemonCandidate candidate;
    private final DaemonEngine engine;
    private final FullDaemon opener;
    private final DockerImages images = new QuickImages();
    private DockerDaemon full;

    private UnixSocketDaemon(UnixSocketHttp http, DaemonCandidate candidate, DaemonEngine engine, FullDaemon opener) {
        this.http = http;
        this.candidate = candidate;
        this.engine = engine;
        this.opener = opener;
    }

    /**
     * The daemon at a {@code unix://} candidate when it answers the ping with OK and tells its version; empty for
     * another address or any failure, which docker-java then meets and reports as it always did.
     */
    static Optional<DockerDaemon> open(DaemonCandidate candidate, FullDaemon opener) {
        if (!candidate.host().startsWith("unix://") || candidate.tlsDirectory().isPresent()) {
            return Optional.empty();
        }
        try {
            UnixSocketHttp http = new UnixSocketHttp(UnixSocketHttp.socketOf(candidate.host()));
            UnixSocketHttp.Answer ping = http.get("/_ping");
            if (ping.status() != 200 || !ping.body().strip().equals("OK")) {
                return Optional.empty();
            }
            UnixSocketHttp.Answer version = http.get("/version");
            if (version.status() != 200) {
                return Optional.empty();
            }
            DaemonEngine engine = DaemonEngine.of(Json.object(Json.parse(version.body())), candidate.host());
            return Optional.of(new UnixSocketDaemon(http, candidate, engine, opener));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** docker-java's daemon, opened on first need; a daemon that stopped answering since is reported as such. */
    private synchronized DockerDaemon full(String doing) throws DockerException {
        if (full == null) {
            try {
                full = opener.open();
            } catch (IOException | RuntimeException e) {
                throw new DaemonUnavailableException("The Docker daemon at " + candidate.host() + " stopped answering while "
                        + doing + ": check that it is running (docker info, systemctl status docker) and run the build again.", e);
            }
        }
        return full;
    }

    @Override
    public String host() {
        return candidate.host();
    }

    @Override
    public String chosenBecause() {
        return candidate.source();
    }

    @Override
    public ImageBuilds builds() {
        return this::build;
    }

    /**
     * {@code POST /build} with the classic builder, the context sent in large chunks as it is packed, the progress read
     * line by line as it arrives: what docker-java's build did, without its start-up and its 2 kB chunks.
     */
    private BuildResult build(InputStream context, Set<String> tags, boolean noCache, Consumer<String> output) throws DockerException {
        StringBuilder path = new StringBuilder("/build?rm=1&forcerm=1&pull=0&nocache=").append(noCache ? 1 : 0);
        tags.forEach(tag -> path.append("&t=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8)));
        BuildStream stream = new BuildStream(output);
        Throwable broken = null;
        try {
            UnixSocketHttp.Answer answer = http.post(path.toString(), "application/x-tar", context, stream::jsonLine,
                    ImageBuilds.TIME_LIMIT);
            if (answer.status() != 200) {
                broken = new IOException("HTTP " + answer.status() + " " + DaemonFailures.daemonMessage(answer.body().strip()));
            }
        } catch (IOException | RuntimeException e) {
            broken = e;
        }
        return stream.result(broken, new BuildStream.Daemon() {
            @Override
            public boolean answers() {
                return UnixSocketDaemon.this.answers();
            }

            @Override
            public DockerException unavailable(String doing, Throwable cause) {
                return DaemonFailures.unavailable(host(), doing, cause);
            }

            @Override
            public DockerException failure(String doing, Throwable cause) {
                return DaemonFailures.failure(host(), answers(), doing, cause);
            }

            @Override
            public void removeContainer(String containerId) {
                if (PLAIN_REFERENCE.matcher(containerId).matches()) {
                    try {
                        http.request("DELETE", "/containers/" + containerId + "?force=1&v=1");
                    } catch (IOException | RuntimeException ignored) {
                        // Housekeeping only; the build's own error matters more.
                    }
                }
            }

            @Override
            public void removeImageIfUnused(String imageId) {
                images.removeIfUnused(imageId);
            }
        });
    }

    @Override
    public DockerImages images() {
        return images;
    }

    @Override
    public DockerContainers containers() {
        return new DockerContainers() {
            @Override
            public StartedContainer start(ContainerSpec spec) throws DockerException {
                return full("starting a container").containers().start(spec);
            }

            @Override
            public ContainerState state(String containerId) throws DockerException {
                return full("inspecting container " + containerId).containers().state(containerId);
            }

            @Override
            public String logs(String containerId) throws DockerException {
                return full("reading the log of container " + containerId).containers().logs(containerId);
            }

            @Override
            public void remove(String containerId) throws DockerException {
                full("removing container " + containerId).containers().remove(containerId);
            }

            @Override
            public List<String> withLabel(String key, String value) throws DockerException {
                return full("listing containers").containers().withLabel(key, value);
            }

            @Override
            public Map<String, Long> fileSizes(String image, List<String> paths) throws DockerException {
                return full("measuring files of " + image).containers().fileSizes(image, paths);
            }
        };
    }

    @Override
    public DockerRegistry registry() {
        return (reference, credentials, progress) -> full("pushing " + reference).registry().push(reference, credentials, progress);
    }

    @Override
    public boolean answers() {
        try {
            UnixSocketHttp.Answer ping = http.get("/_ping");
            return ping.status() == 200 && ping.body().strip().equals("OK");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public DaemonEngine engine() {
        return engine;
    }

    @Override
    public synchronized void close() {
        if (full != null) {
            full.close();
        }
    }

    /** Whether docker-java's client was opened; for tests. */
    synchronized boolean opened() {
        return full != null;
    }

    /** Inspects answered here; everything else, and an inspect that goes wrong, by docker-java. */
    private final class QuickImages implements DockerImages {

        @Override
        public Optional<ImageInfo> inspect(String reference) throws DockerException {
            if (PLAIN_REFERENCE.matcher(reference).matches()) {
                try {
                    UnixSocketHttp.Answer answer = http.get("/images/" + reference + "/json");
                    if (answer.status() == 404) {
                        return Optional.empty();
                    }
                    if (answer.status() == 200) {
                        return Optional.of(imageInfo(answer.body()));
                    }
                } catch (IOException | RuntimeException e) {
                    // docker-java asks again and reports what goes wrong.
                }
            }
            return full("inspecting " + reference).images().inspect(reference);
        }

        @Override
        public void pull(String reference, Optional<Credentials> credentials, Consumer<String> progress) throws DockerException {
            full("pulling " + reference).images().pull(reference, credentials, progress);
        }

        @Override
        public List<BuiltImage.HistoryEntry> history(String imageId) throws DockerException {
            if (PLAIN_REFERENCE.matcher(imageId).matches()) {
                try {
                    UnixSocketHttp.Answer answer = http.get("/images/" + imageId + "/history");
                    if (answer.status() == 200) {
                        return historyOf(answer.body());
                    }
                } catch (IOException | RuntimeException e) {
                    // docker-java asks again and reports what goes wrong.
                }
            }
            return full("reading the history of image " + imageId).images().history(imageId);
        }

        @Override
        public void tag(String imageId, String reference) throws DockerException {
            int slash = reference.lastIndexOf('/');
            int colon = reference.lastIndexOf(':');
            if (PLAIN_REFERENCE.matcher(imageId).matches() && colon > slash && !reference.contains("@")) {
                String query = "?repo=" + URLEncoder.encode(reference.substring(0, colon), StandardCharsets.UTF_8)
                        + "&tag=" + URLEncoder.encode(reference.substring(colon + 1), StandardCharsets.UTF_8);
                try {
                    if (http.request("POST", "/images/" + imageId + "/tag" + query).status() == 201) {
                        return;
                    }
                } catch (IOException | RuntimeException e) {
                    // docker-java tags again and reports what goes wrong.
                }
            }
            full("tagging " + imageId + " as " + reference).images().tag(imageId, reference);
        }

        /** {@code DELETE /images/{id}} without force: the daemon refuses (409) while a tag or a container uses it. */
        @Override
        public boolean removeIfUnused(String imageId) {
            if (!PLAIN_REFERENCE.matcher(imageId).matches()) {
                return false;
            }
            try {
                return http.request("DELETE", "/images/" + imageId).status() == 200;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }

    /** {@code GET /images/{name}/history}, newest step first, as the report reads it. */
    static List<BuiltImage.HistoryEntry> historyOf(String answer) throws IOException {
        List<BuiltImage.HistoryEntry> entries = new ArrayList<>();
        for (Object step : Json.array(Json.parse(answer))) {
            Map<String, Object> entry = Json.object(step);
            entries.add(new BuiltImage.HistoryEntry(Dialects.historyText(Json.text(entry.get("CreatedBy"), "")),
                    Json.number(entry.get("Size"), 0)));
        }
        return entries;
    }

    /** {@code GET /images/{name}/json} as {@link ImageInfo}, as docker-java's inspect gives it. */
    static ImageInfo imageInfo(String answer) throws IOException {
        Map<String, Object> inspected = Json.object(Json.parse(answer));
        String id = Json.text(inspected.get("Id"), "");
        if (id.isEmpty()) {
            throw new IOException("the inspect answer has no Id");
        }
        Map<String, Object> config = Json.object(inspected.get("Config"));
        Map<String, String> labels = new HashMap<>();
        Json.object(config.get("Labels")).forEach((name, value) -> {
            if (value instanceof String text) {
                labels.put(name, text);
            }
        });
        List<String> ports = new ArrayList<>();
        Json.object(config.get("ExposedPorts")).keySet().forEach(port -> ports.add(port.contains("/") ? port : port + "/tcp"));
        List<String> diffIds = new ArrayList<>();
        Json.array(Json.object(inspected.get("RootFS")).get("Layers")).forEach(layer -> diffIds.add(Json.text(layer, "")));
        Map<String, String> env = new HashMap<>();
        for (Object entry : Json.array(config.get("Env"))) {
            String text = Json.text(entry, "");
            int equals = text.indexOf('=');
            if (equals > 0) {
                env.put(text.substring(0, equals), text.substring(equals + 1));
            }
        }
        List<String> repoTags = new ArrayList<>();
        Json.array(inspected.get("RepoTags")).forEach(tag -> repoTags.add(Dialects.familiarName(Json.text(tag, ""))));
        return new ImageInfo(id, Json.number(inspected.get("Size"), 0), repoTags, labels, ports, diffIds, env);
    }
}
