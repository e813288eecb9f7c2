package dev.slimimage.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which daemons to try, in order: {@code dockerHost}; {@code DOCKER_HOST} (TLS from {@code DOCKER_TLS_VERIFY} and
 * {@code DOCKER_CERT_PATH}); the Docker context named by {@code DOCKER_CONTEXT}, else the Docker CLI config's
 * {@code currentContext} (with the context's TLS material); else the default sockets that exist. The first three are
 * the user's choice and the only one tried; the default sockets are tried in turn until one answers.
 * Reads only the environment and files it is given, so tests use fake ones.
 */
public final class DaemonDiscovery {

    static final String NOTHING_SET = "no dockerHost, DOCKER_HOST, DOCKER_CONTEXT or current Docker context is set";
    private static final List<String> TLS_FILES = List.of("ca.pem", "cert.pem", "key.pem");

    private final Map<String, String> environment;
    private final Path home;
    private final Path root;

    /**
     * @param home the user's home directory ({@code ~/.docker}, Docker Desktop's and colima's sockets)
     * @param root where {@code /var/run/docker.sock} and {@code /run/podman/podman.sock} are looked for: {@code /}
     */
    public DaemonDiscovery(Map<String, String> environment, Path home, Path root) {
        this.environment = Map.copyOf(environment);
        this.home = home;
        this.root = root;
    }

    /** The daemons to try, and the default sockets that were looked for and are not there. */
    public record Result(List<DaemonCandidate> candidates, List<String> absent) {
        public Result {
            candidates = List.copyOf(candidates);
            absent = List.copyOf(absent);
        }
    }

    /** @throws DockerHostException when a setting is malformed or names something that is not there */
    public Result discover(Optional<String> dockerHost) throws DockerHostException {
        if (dockerHost.isPresent() && !dockerHost.get().isBlank()) {
            String source = "dockerHost (slim.dockerHost)";
            String host = DockerHost.checked(dockerHost.get(), source);
            Optional<Path> tls = environmentTls(host);
            return explicit(new DaemonCandidate(DockerHost.withDefaultPort(host, tls.isPresent()), tls, source, true));
        }
        String variable = variable("DOCKER_HOST");
        if (variable != null) {
            String host = DockerHost.checked(variable, "DOCKER_HOST");
            Optional<Path> tls = environmentTls(host);
            String source = "DOCKER_HOST" + (tls.isPresent() ? " with DOCKER_TLS_VERIFY" : "");
            return explicit(new DaemonCandidate(DockerHost.withDefaultPort(host, tls.isPresent()), tls, source, true));
        }
        Optional<DaemonCandidate> context = context();
        if (context.isPresent()) {
            return explicit(context.get());
        }
        return defaultSockets();
    }

    private static Result explicit(DaemonCandidate candidate) {
        return new Result(List.of(candidate), List.of());
    }

    /** The Docker CLI's configuration directory: {@code DOCKER_CONFIG}, else {@code ~/.docker}. */
    public Path configDirectory() {
        String configured = variable("DOCKER_CONFIG");
        return configured != null ? Path.of(configured) : home.resolve(".docker");
    }

    // ---- DOCKER_TLS_VERIFY / DOCKER_CERT_PATH ----------------------------------------------------------------------

    /** TLS for a tcp:// address when DOCKER_TLS_VERIFY is set (as the Docker CLI: any value but empty, 0 or false). */
    private Optional<Path> environmentTls(String host) throws DockerHostException {
        String verify = variable("DOCKER_TLS_VERIFY");
        if (!host.toLowerCase(Locale.ROOT).startsWith("tcp://") || verify == null
                || verify.equals("0") || verify.equalsIgnoreCase("false")) {
            return Optional.empty();
        }
        String certPath = variable("DOCKER_CERT_PATH");
        Path directory = certPath != null ? Path.of(certPath) : configDirectory();
        String where = certPath != null ? "DOCKER_CERT_PATH " + directory : directory + " (DOCKER_CERT_PATH is not set)";
        List<String> missing = TLS_FILES.stream().filter(f -> !Files.isRegularFile(directory.resolve(f))).toList();
        if (!missing.isEmpty()) {
            throw new DockerHostException("DOCKER_TLS_VERIFY is set for " + host + ", but " + where + " has no "
                    + String.join(", ", missing) + ": set DOCKER_CERT_PATH to the directory with the daemon's CA (ca.pem) "
                    + "and your client certificate and key (cert.pem, key.pem), or unset DOCKER_TLS_VERIFY for a daemon "
                    + "without TLS.");
        }
        return Optional.of(directory);
    }

    // ---- Docker contexts -------------------------------------------------------------------------------------------

    private Optional<DaemonCandidate> context() throws DockerHostException {
        Path config = configDirectory().resolve("config.json");
        String name = variable("DOCKER_CONTEXT");
        String from = "DOCKER_CONTEXT";
        if (name == null) {
            name = currentContext(config);
            from = "currentContext in " + config;
        }
        if (name == null || name.equals("default")) {
            return Optional.empty();
        }
        String hash = HexFormat.of().formatHex(sha256(name));
        Path meta = configDirectory().resolve("contexts").resolve("meta").resolve(hash).resolve("meta.json");
        String source = "the Docker context '" + name + "' (" + from + ")";
        String unset = from.equals("DOCKER_CONTEXT") ? "unset DOCKER_CONTEXT" : "switch with docker context use default";
        if (!Files.isRegularFile(meta)) {
            throw new DockerHostException(source + " does not exist (no " + meta + "): list the contexts with docker context ls "
                    + "and choose one, or " + unset + ".");
        }
        JsonNode endpoint = readJson(meta, source).path("Endpoints").path("docker");
        String host = endpoint.path("Host").asText("");
        if (host.isBlank()) {
            throw new DockerHostException(source + " names no Docker endpoint (Endpoints.docker.Host in " + meta + "): recreate it "
                    + "with docker context create " + name + " --docker host=…, or " + unset + ".");
        }
        host = DockerHost.checked(host, source);
        Path tls = configDirectory().resolve("contexts").resolve("tls").resolve(hash).resolve("docker");
        boolean hasTls = host.toLowerCase(Locale.ROOT).startsWith("tcp://") && TLS_FILES.stream().anyMatch(f -> Files.isRegularFile(tls.resolve(f)));
        return Optional.of(new DaemonCandidate(DockerHost.withDefaultPort(host, hasTls), hasTls ? Optional.of(tls) : Optional.empty(),
                source, true));
    }

    private static String currentContext(Path config) throws DockerHostException {
        if (!Files.isRegularFile(config)) {
            return null;
        }
        String current = readJson(config, "The Docker CLI config").path("currentContext").asText("");
        return current.isBlank() ? null : current.strip();
    }

    private static JsonNode readJson(Path file, String what) throws DockerHostException {
        try {
            return new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DockerHostException(what + " could not be read from " + file + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "): fix or remove the file, or set <dockerHost>.");
        }
    }

    // ---- default sockets ---------------------------------------------------------------------------------------------

    private Result defaultSockets() {
        String runtimeDir = variable("XDG_RUNTIME_DIR");
        List<DaemonCandidate> candidates = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        socket(root.resolve("var/run/docker.sock"), "the default Docker socket", candidates, absent);
        socketUnder(runtimeDir, "docker.sock", "rootless Docker's socket", candidates, absent);
        socket(home.resolve(".docker/run/docker.sock"), "Docker Desktop's socket", candidates, absent);
        socket(home.resolve(".colima/default/docker.sock"), "colima's socket", candidates, absent);
        socketUnder(runtimeDir, "podman/podman.sock", "rootless Podman's socket", candidates, absent);
        socket(root.resolve("run/podman/podman.sock"), "Podman's socket", candidates, absent);
        return new Result(candidates, absent);
    }

    private static void socket(Path path, String what, List<DaemonCandidate> candidates, List<String> absent) {
        if (Files.exists(path)) {
            candidates.add(new DaemonCandidate("unix://" + path, Optional.empty(), what + ", found at " + path + " ("
                    + NOTHING_SET + ")", false));
        } else {
            absent.add(path + " (" + what + "): not there");
        }
    }

    private static void socketUnder(String runtimeDir, String name, String what, List<DaemonCandidate> candidates, List<String> absent) {
        if (runtimeDir == null) {
            absent.add("$XDG_RUNTIME_DIR/" + name + " (" + what + "): XDG_RUNTIME_DIR is not set");
        } else {
            socket(Path.of(runtimeDir).resolve(name), what, candidates, absent);
        }
    }

    private String variable(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
