package dev.slimimage.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The daemon through docker-java; the facets share its client and its way of turning failures into sentences. */
final class DockerJavaDaemon implements DockerDaemon {

    private static final Pattern JSON_MESSAGE = Pattern.compile("\\{\"message\":\"((?:[^\"\\\\]|\\\\.)*)\"\\}");

    private final DockerClient client;
    private final DockerHttpClient http;
    private final String host;
    private final DockerJavaImages images;
    private final DockerJavaBuilds builds;
    private final DockerJavaContainers containers;
    private final DockerJavaRegistry registry;

    private DockerJavaDaemon(DockerClient client, DockerHttpClient http, String host) {
        this.client = client;
        this.http = http;
        this.host = host;
        this.images = new DockerJavaImages(this);
        this.builds = new DockerJavaBuilds(this);
        this.containers = new DockerJavaContainers(this);
        this.registry = new DockerJavaRegistry(this);
    }

    /**
     * Connects to {@code dockerHost}, else to what DOCKER_HOST, the Docker context or the default socket name, and
     * checks that a daemon answers there.
     */
    static DockerDaemon connect(Optional<String> dockerHost, Map<String, String> environment) throws DockerException {
        silenceWireLog();
        DefaultDockerClientConfig.Builder config = DefaultDockerClientConfig.createDefaultConfigBuilder();
        if (dockerHost.isPresent()) {
            config.withDockerHost(DockerHost.checked(dockerHost.get(), "dockerHost (slim.dockerHost)"));
        } else if (environment.get("DOCKER_HOST") != null && !environment.get("DOCKER_HOST").isBlank()) {
            DockerHost.checked(environment.get("DOCKER_HOST"), "DOCKER_HOST");
        }
        DockerClientConfig resolved;
        DockerHttpClient http;
        try {
            resolved = config.build();
            http = new ApacheDockerHttpClient.Builder()
                    .dockerHost(resolved.getDockerHost())
                    .sslConfig(resolved.getSSLConfig())
                    .connectionTimeout(Duration.ofSeconds(10))
                    .responseTimeout(Duration.ofMinutes(30))
                    .build();
        } catch (RuntimeException | LinkageError e) {
            throw new DockerHostException("The Docker client configuration could not be used (" + rootMessage(e)
                    + "): fix DOCKER_HOST, DOCKER_CERT_PATH or ~/.docker/config.json, or set <dockerHost>.");
        }
        String host = String.valueOf(resolved.getDockerHost());
        DockerJavaDaemon daemon = new DockerJavaDaemon(DockerClientImpl.getInstance(resolved, http), http, host);
        try {
            daemon.client.pingCmd().exec();
        } catch (RuntimeException e) {
            daemon.close();
            throw new DaemonUnavailableException("No Docker daemon answered at " + host + " (" + rootMessage(e) + "): start Docker, "
                    + "or point the plugin at a running daemon with DOCKER_HOST or -Dslim.dockerHost=unix:///path/to/docker.sock.", e);
        }
        return daemon;
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
        if (!answers()) {
            return unavailable(doing, e);
        }
        return new DaemonRequestException("The Docker daemon at " + host + " failed while " + doing + " (" + rootMessage(e)
                + "): run the build again, and if it repeats, look at the daemon's log (journalctl -u docker).", e);
    }

    DaemonUnavailableException unavailable(String doing, Throwable e) {
        return new DaemonUnavailableException("The Docker daemon at " + host + " stopped answering while " + doing
                + ": check that it is running (docker info, systemctl status docker) and run the build again.", e);
    }

    @FunctionalInterface
    interface Request<T> {
        T run();
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

    /** docker-java passes the daemon's JSON error body through ("Status 404: {"message":"…"}"); keep the sentence. */
    static String daemonMessage(String message) {
        Matcher json = JSON_MESSAGE.matcher(message);
        return json.find() ? json.group(1).replace("\\\"", "\"").strip() : message;
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
