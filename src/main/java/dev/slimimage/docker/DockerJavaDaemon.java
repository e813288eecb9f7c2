package dev.slimimage.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import dev.slimimage.json.Json;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The daemon through docker-java; the facets share its client and its way of turning failures into sentences. */
final class DockerJavaDaemon implements DockerDaemon {

    private final DockerClient client;
    private final DockerHttpClient http;
    private final String host;
    private final DaemonCandidate candidate;
    private final DaemonEngine engine;
    private final DockerJavaImages images;
    private final DockerJavaBuilds builds;
    private final DockerJavaContainers containers;
    private final DockerJavaRegistry registry;

    private DockerJavaDaemon(DockerClient client, DockerHttpClient http, DaemonCandidate candidate, DaemonEngine engine) {
        this.client = client;
        this.http = http;
        this.host = candidate.host();
        this.candidate = candidate;
        this.engine = engine;
        this.images = new DockerJavaImages(this);
        this.builds = new DockerJavaBuilds(this);
        this.containers = new DockerJavaContainers(this);
        this.registry = new DockerJavaRegistry(this);
    }

    /**
     * Connects to the first daemon the discovery names that answers (see {@link DaemonDiscovery}), for this process's
     * environment, home directory and file system.
     */
    static DockerDaemon connect(Optional<String> dockerHost, Map<String, String> environment) throws DockerException {
        return connect(dockerHost, new DaemonDiscovery(environment, Path.of(System.getProperty("user.home")), Path.of("/")));
    }

    static DockerDaemon connect(Optional<String> dockerHost, DaemonDiscovery discovery) throws DockerException {
        silenceWireLog();
        DaemonDiscovery.Result found = discovery.discover(dockerHost);
        List<String> tried = new ArrayList<>();
        for (DaemonCandidate candidate : found.candidates()) {
            Optional<DockerDaemon> quick = UnixSocketDaemon.open(candidate, () -> open(candidate, discovery.configDirectory()));
            if (quick.isPresent()) {
                return quick.get();
            }
            try {
                return open(candidate, discovery.configDirectory());
            } catch (IOException | RuntimeException e) {
                String reason = DaemonFailures.rootMessage(e);
                if (candidate.explicit()) {
                    throw new DaemonUnavailableException("No Docker daemon answered at " + candidate.describe() + " (" + reason
                            + "), chosen by " + candidate.source() + ": " + fix(candidate, e), e);
                }
                tried.add(candidate.host() + " (" + reason + ")");
            }
        }
        throw new DaemonUnavailableException(noneAnswered(tried, found.absent()), null);
    }

    /**
     * The daemon at {@code candidate} through docker-java, once it answered the ping and {@code /version}.
     *
     * @throws IOException or RuntimeException when it does not answer
     */
    static DockerJavaDaemon open(DaemonCandidate candidate, Path configDirectory) throws DockerHostException, IOException {
        DockerClientConfig config = clientConfig(candidate, configDirectory);
        DockerHttpClient http = httpClient(config, candidate);
        try {
            DaemonEngine engine = readEngine(http, candidate.host());
            return new DockerJavaDaemon(DockerClientImpl.getInstance(config, http), http, candidate, engine);
        } catch (IOException | RuntimeException e) {
            closeQuietly(http);
            throw e;
        }
    }

    static String noneAnswered(List<String> tried, List<String> absent) {
        return "No Docker daemon answered: " + DaemonDiscovery.NOTHING_SET
                + (tried.isEmpty() ? "" : "; tried " + String.join(", ", tried))
                + (absent.isEmpty() ? "" : "; looked for " + String.join(", ", absent))
                + ": start Docker or Podman, or point the plugin at a running daemon with DOCKER_HOST, a Docker context "
                + "(docker context use) or -Dslim.dockerHost=unix:///path/to/docker.sock.";
    }

    private static String fix(DaemonCandidate candidate, Throwable e) {
        if (candidate.tlsDirectory().isPresent() && causedBy(e, SSLException.class)) {
            return "the TLS handshake failed; check that " + candidate.tlsDirectory().get() + " holds this daemon's CA as ca.pem "
                    + "and a client certificate it accepts as cert.pem with its key.pem.";
        }
        if (candidate.tlsDirectory().isEmpty() && isRemote(candidate.host()) && causedBy(e, java.net.SocketException.class)) {
            return "if the daemon wants TLS, set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH; else start it, or point the plugin "
                    + "at a running daemon with DOCKER_HOST, a Docker context or -Dslim.dockerHost=unix:///path/to/docker.sock.";
        }
        return "start it, or point the plugin at a running daemon with DOCKER_HOST, a Docker context (docker context use) or "
                + "-Dslim.dockerHost=unix:///path/to/docker.sock.";
    }

    private static boolean isRemote(String host) {
        return DaemonEngine.isRemote(host);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static DockerClientConfig clientConfig(DaemonCandidate candidate, Path configDirectory) throws DockerHostException {
        try {
            // Everything explicit: docker-java's own reading of DOCKER_HOST and contexts would undo the discovery.
            DefaultDockerClientConfig.Builder builder = new DefaultDockerClientConfig.Builder()
                    .withDockerHost(candidate.host())
                    .withDockerConfig(configDirectory.toString())
                    .withDockerTlsVerify(candidate.tlsDirectory().isPresent());
            candidate.tlsDirectory().ifPresent(d -> builder.withCustomSslConfig(new LocalDirectorySSLConfig(d.toString())));
            return builder.build();
        } catch (RuntimeException | LinkageError e) {
            throw new DockerHostException("The Docker client configuration for " + candidate.describe() + ", chosen by "
                    + candidate.source() + ", could not be used (" + DaemonFailures.rootMessage(e) + "): fix it, or set <dockerHost>.");
        }
    }

    private static DockerHttpClient httpClient(DockerClientConfig config, DaemonCandidate candidate) throws DockerHostException {
        try {
            return new ApacheDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig())
                    .connectionTimeout(Duration.ofSeconds(10))
                    .responseTimeout(Duration.ofMinutes(30))
                    .build();
        } catch (RuntimeException | LinkageError e) {
            throw new DockerHostException("The Docker client for " + candidate.describe() + ", chosen by " + candidate.source()
                    + ", could not be set up (" + DaemonFailures.rootMessage(e) + "): "
                    + (candidate.tlsDirectory().isPresent() ? "check the certificates in " + candidate.tlsDirectory().get()
                            + " (ca.pem, cert.pem, key.pem in PEM form)." : "fix the address, or set <dockerHost>."));
        }
    }

    /** Pings, then asks {@code /version}: a socket that is there but dead fails here, before any real work. */
    private static DaemonEngine readEngine(DockerHttpClient http, String host) throws IOException {
        String ping = get(http, "/_ping");
        if (!ping.strip().equals("OK")) {
            throw new IOException("it answered the ping with '" + ping.strip() + "', not OK: it is no Docker Engine API");
        }
        return DaemonEngine.of(Json.object(Json.parse(get(http, "/version"))), host);
    }

    private static String get(DockerHttpClient http, String path) throws IOException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET).path(path).build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            String text = new String(body.readNBytes(1 << 20), StandardCharsets.UTF_8);
            if (response.getStatusCode() != 200) {
                throw new IOException("GET " + path + " answered HTTP " + response.getStatusCode() + " " + DaemonFailures.daemonMessage(text));
            }
            return text;
        }
    }

    private static void closeQuietly(DockerHttpClient http) {
        try {
            http.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }

    /**
     * With {@code mvn -X}, Apache HttpClient's debug loggers print every request header, including X-Registry-Auth
     * (the registry password, base64-encoded). Maven's simple logger reads a logger's level when the logger is first
     * made, which is when HttpClient's connection classes load, after this: so these two stay at INFO. A user who set
     * them on purpose keeps their choice.
     */
    static void silenceWireLog() {
        for (String logger : new String[] {"org.apache.hc.client5.http.wire", "org.apache.hc.client5.http.headers"}) {
            String key = "org.slf4j.simpleLogger.log." + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, "info");
            }
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public DaemonEngine engine() {
        return engine;
    }

    @Override
    public String chosenBecause() {
        return candidate.source() + candidate.tlsDirectory().map(d -> ", TLS with the certificates in " + d).orElse("");
    }

    @Override
    public DockerImages images() {
        return images;
    }

    @Override
    public ImageBuilds builds() {
        return builds;
    }

    @Override
    public DockerContainers containers() {
        return containers;
    }

    @Override
    public DockerRegistry registry() {
        return registry;
    }

    @Override
    public boolean answers() {
        try {
            client.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    DockerClient client() {
        return client;
    }

    DockerHttpClient http() {
        return http;
    }

    /** Runs a request; failures become a dead-daemon sentence or, while it still answers, a refused-request one. */
    <T> T call(String doing, Request<T> request) throws DockerException {
        try {
            return request.run();
        } catch (RuntimeException e) {
            throw failure(doing, e);
        }
    }

    /** @param doing what the daemon was asked, as "…ing …", e.g. "tagging app:1" */
    DockerException failure(String doing, Throwable e) {
        return DaemonFailures.failure(host, answers(), doing, e);
    }

    DaemonUnavailableException unavailable(String doing, Throwable e) {
        return DaemonFailures.unavailable(host, doing, e);
    }

    @FunctionalInterface
    interface Request<T> {
        T run();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // Nothing left to release.
        }
    }
}
