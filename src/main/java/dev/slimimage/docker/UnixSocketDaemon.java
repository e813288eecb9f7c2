package dev.slimimage.docker;

import dev.slimimage.json.Json;
import dev.slimimage.registry.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A daemon on a local unix socket (Docker's or Podman's) that answers the ping, {@code /version} and image inspects
 * itself, with the JDK alone ({@link UnixSocketHttp}), and opens docker-java's client only when something more is asked:
 * a build, a pull, a container, a push. An up-to-date build so never pays for docker-java's start-up (seconds in a fresh
 * JVM). Whatever the quick way cannot answer, docker-java answers, with its messages.
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
        return (InputStream context, Set<String> tags, boolean noCache, Consumer<String> output) ->
                full("building " + String.join(", ", tags)).builds().build(context, tags, noCache, output);
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
            return full("reading the history of image " + imageId).images().history(imageId);
        }

        @Override
        public void tag(String imageId, String reference) throws DockerException {
            full("tagging " + imageId + " as " + reference).images().tag(imageId, reference);
        }

        @Override
        public boolean removeIfUnused(String imageId) {
            try {
                return full("removing " + imageId).images().removeIfUnused(imageId);
            } catch (DockerException e) {
                return false;
            }
        }
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
