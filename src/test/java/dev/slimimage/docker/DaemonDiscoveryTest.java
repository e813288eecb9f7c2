package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The discovery order with fake environments, home directories and file systems (regular files stand in for sockets). */
class DaemonDiscoveryTest {

    @TempDir
    Path tmp;
    Path home;
    Path root;
    Path runtimeDir;
    final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void dirs() throws IOException {
        home = Files.createDirectories(tmp.resolve("home/u"));
        root = Files.createDirectories(tmp.resolve("root"));
        runtimeDir = Files.createDirectories(tmp.resolve("run/user/1000"));
    }

    private DaemonDiscovery.Result discover(Optional<String> dockerHost) throws DockerHostException {
        return new DaemonDiscovery(env, home, root).discover(dockerHost);
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "");
    }

    private Path certificates(Path dir) throws IOException {
        for (String f : List.of("ca.pem", "cert.pem", "key.pem")) {
            touch(dir.resolve(f));
        }
        return dir;
    }

    /** What `docker context create NAME --docker host=HOST,ca=…,cert=…,key=…` writes under the config directory. */
    private void context(Path config, String name, String host, boolean tls) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        Path meta = touch(config.resolve("contexts/meta/" + hash + "/meta.json"));
        Files.writeString(meta, "{\"Name\":\"" + name + "\",\"Metadata\":{\"Description\":\"x\"},\"Endpoints\":{\"docker\":"
                + "{\"Host\":\"" + host + "\",\"SkipTLSVerify\":false}}}");
        if (tls) {
            certificates(config.resolve("contexts/tls/" + hash + "/docker"));
        }
    }

    private void currentContext(Path config, String name) throws IOException {
        Files.writeString(touch(config.resolve("config.json")), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
    }

    @Test
    void theDockerHostParameterWinsOverEverythingAndIsTheOnlyOneTried() throws Exception {
        env.put("DOCKER_HOST", "tcp://10.0.0.1:2375");
        env.put("DOCKER_CONTEXT", "ci");
        touch(root.resolve("var/run/docker.sock"));

        DaemonDiscovery.Result result = discover(Optional.of(" unix:///run/user/1000/docker.sock "));

        assertThat(result.candidates()).containsExactly(new DaemonCandidate("unix:///run/user/1000/docker.sock", Optional.empty(),
                "dockerHost (slim.dockerHost)", true));
    }

    @Test
    void dockerHostWithTlsVerifyUsesTheCertificatesOfDockerCertPath() throws Exception {
        Path certs = certificates(tmp.resolve("certs"));
        env.put("DOCKER_HOST", "tcp://daemon.example:2376");
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_CERT_PATH", certs.toString());
        context(home.resolve(".docker"), "ci", "tcp://elsewhere:2376", true);
        currentContext(home.resolve(".docker"), "ci");

        DaemonCandidate only = discover(Optional.empty()).candidates().get(0);

        assertThat(only).isEqualTo(new DaemonCandidate("tcp://daemon.example:2376", Optional.of(certs),
                "DOCKER_HOST with DOCKER_TLS_VERIFY", true));
        assertThat(only.describe()).isEqualTo("tcp://daemon.example:2376 with TLS (certificates in " + certs + ")");
    }

    @Test
    void dockerHostWithoutAPortIsReachedOnTheDockerCliDefaultPort() throws Exception {
        Path certs = certificates(tmp.resolve("certs"));
        env.put("DOCKER_HOST", "tcp://daemon.example");
        assertThat(discover(Optional.empty()).candidates().get(0).host()).isEqualTo("tcp://daemon.example:2375");

        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_CERT_PATH", certs.toString());
        assertThat(discover(Optional.empty()).candidates().get(0).host()).isEqualTo("tcp://daemon.example:2376");
        assertThat(discover(Optional.of("tcp://other.example")).candidates().get(0).host()).isEqualTo("tcp://other.example:2376");

        env.remove("DOCKER_HOST");
        env.put("DOCKER_CONTEXT", "remote");
        context(home.resolve(".docker"), "remote", "tcp://remote.example", true);
        assertThat(discover(Optional.empty()).candidates().get(0).host()).isEqualTo("tcp://remote.example:2376");
    }

    @Test
    void tlsVerifyWithoutCertPathReadsTheConfigDirectoryAndNamesWhatIsMissing() throws Exception {
        env.put("DOCKER_HOST", "tcp://daemon.example:2376");
        env.put("DOCKER_TLS_VERIFY", "1");
        touch(home.resolve(".docker/ca.pem"));

        assertThatThrownBy(() -> discover(Optional.empty())).isInstanceOf(DockerHostException.class)
                .hasMessage("DOCKER_TLS_VERIFY is set for tcp://daemon.example:2376, but " + home.resolve(".docker")
                        + " (DOCKER_CERT_PATH is not set) has no cert.pem, key.pem: set DOCKER_CERT_PATH to the directory with "
                        + "the daemon's CA (ca.pem) and your client certificate and key (cert.pem, key.pem), or unset "
                        + "DOCKER_TLS_VERIFY for a daemon without TLS.");
    }

    @Test
    void tlsVerifyZeroOrAUnixSocketMeansNoTls() throws Exception {
        env.put("DOCKER_HOST", "tcp://daemon.example:2375");
        env.put("DOCKER_TLS_VERIFY", "0");
        assertThat(discover(Optional.empty()).candidates().get(0).tlsDirectory()).isEmpty();

        env.put("DOCKER_HOST", "unix:///var/run/docker.sock");
        env.put("DOCKER_TLS_VERIFY", "1");
        assertThat(discover(Optional.empty()).candidates().get(0).tlsDirectory()).isEmpty();
    }

    @Test
    void dockerContextVariableWinsOverTheCurrentContextAndBringsItsTlsMaterial() throws Exception {
        Path config = tmp.resolve("docker-config");
        env.put("DOCKER_CONFIG", config.toString());
        env.put("DOCKER_CONTEXT", "remote");
        context(config, "remote", "tcp://127.0.0.1:23760", true);
        context(config, "other", "unix:///other.sock", false);
        currentContext(config, "other");
        touch(root.resolve("var/run/docker.sock"));

        DaemonCandidate only = discover(Optional.empty()).candidates().get(0);

        assertThat(discover(Optional.empty()).candidates()).hasSize(1);
        assertThat(only.host()).isEqualTo("tcp://127.0.0.1:23760");
        assertThat(only.source()).isEqualTo("the Docker context 'remote' (DOCKER_CONTEXT)");
        assertThat(only.tlsDirectory()).hasValueSatisfying(d -> assertThat(d).startsWith(config.resolve("contexts/tls"))
                .endsWith(Path.of("docker")));
        assertThat(only.explicit()).isTrue();
    }

    @Test
    void theCurrentContextOfTheCliConfigIsUsedWhenNothingElseIsSet() throws Exception {
        context(home.resolve(".docker"), "colima", "unix:///home/u/.colima/default/docker.sock", false);
        currentContext(home.resolve(".docker"), "colima");

        DaemonCandidate only = discover(Optional.empty()).candidates().get(0);

        assertThat(only).isEqualTo(new DaemonCandidate("unix:///home/u/.colima/default/docker.sock", Optional.empty(),
                "the Docker context 'colima' (currentContext in " + home.resolve(".docker/config.json") + ")", true));
    }

    @Test
    void aContextThatDoesNotExistIsOneSentenceWithTheFix() {
        env.put("DOCKER_CONTEXT", "gone");

        assertThatThrownBy(() -> discover(Optional.empty())).isInstanceOf(DockerHostException.class)
                .hasMessageStartingWith("the Docker context 'gone' (DOCKER_CONTEXT) does not exist (no " + home.resolve(".docker/contexts/meta"))
                .hasMessageEndingWith("list the contexts with docker context ls and choose one, or unset DOCKER_CONTEXT.");
    }

    @Test
    void theDefaultContextMeansTheDefaultSockets() throws Exception {
        currentContext(home.resolve(".docker"), "default");
        Path socket = touch(root.resolve("var/run/docker.sock"));

        assertThat(discover(Optional.empty()).candidates()).extracting(DaemonCandidate::host).containsExactly("unix://" + socket);
    }

    @Test
    void aBrokenCliConfigNamesTheFile() throws Exception {
        Files.writeString(touch(home.resolve(".docker/config.json")), "{ not json");

        assertThatThrownBy(() -> discover(Optional.empty())).isInstanceOf(DockerHostException.class)
                .hasMessageStartingWith("The Docker CLI config could not be read from " + home.resolve(".docker/config.json"));
    }

    @Test
    void defaultSocketsThatExistAreTriedInTheDocumentedOrder() throws Exception {
        env.put("XDG_RUNTIME_DIR", runtimeDir.toString());
        Path podman = touch(root.resolve("run/podman/podman.sock"));
        Path rootlessPodman = touch(runtimeDir.resolve("podman/podman.sock"));
        Path colima = touch(home.resolve(".colima/default/docker.sock"));
        Path desktop = touch(home.resolve(".docker/run/docker.sock"));
        Path rootless = touch(runtimeDir.resolve("docker.sock"));
        Path system = touch(root.resolve("var/run/docker.sock"));

        DaemonDiscovery.Result result = discover(Optional.empty());

        assertThat(result.candidates()).extracting(DaemonCandidate::host).containsExactly("unix://" + system,
                "unix://" + rootless, "unix://" + desktop, "unix://" + colima, "unix://" + rootlessPodman, "unix://" + podman);
        assertThat(result.candidates()).noneMatch(DaemonCandidate::explicit);
        assertThat(result.candidates().get(1).source()).isEqualTo("rootless Docker's socket, found at " + rootless
                + " (no dockerHost, DOCKER_HOST, DOCKER_CONTEXT or current Docker context is set)");
        assertThat(result.absent()).isEmpty();
    }

    @Test
    void missingSocketsAreListedWithWhyAndPodmanAloneIsFound() throws Exception {
        Path podman = touch(root.resolve("run/podman/podman.sock"));

        DaemonDiscovery.Result result = discover(Optional.empty());

        assertThat(result.candidates()).extracting(DaemonCandidate::host).containsExactly("unix://" + podman);
        assertThat(result.absent()).containsExactly(
                root.resolve("var/run/docker.sock") + " (the default Docker socket): not there",
                "$XDG_RUNTIME_DIR/docker.sock (rootless Docker's socket): XDG_RUNTIME_DIR is not set",
                home.resolve(".docker/run/docker.sock") + " (Docker Desktop's socket): not there",
                home.resolve(".colima/default/docker.sock") + " (colima's socket): not there",
                "$XDG_RUNTIME_DIR/podman/podman.sock (rootless Podman's socket): XDG_RUNTIME_DIR is not set");
    }

    @Test
    void noSocketAnywhereGivesNoCandidateAndTheErrorListsEverything() throws Exception {
        DaemonDiscovery.Result result = discover(Optional.empty());

        assertThat(result.candidates()).isEmpty();
        String message = DockerJavaDaemon.noneAnswered(List.of("unix:///var/run/docker.sock (Connection refused)"), result.absent());
        assertThat(message).startsWith("No Docker daemon answered: no dockerHost, DOCKER_HOST, DOCKER_CONTEXT or current Docker "
                + "context is set; tried unix:///var/run/docker.sock (Connection refused); looked for " + root.resolve("var/run/docker.sock"))
                .contains("/run/podman/podman.sock (Podman's socket): not there")
                .endsWith("start Docker or Podman, or point the plugin at a running daemon with DOCKER_HOST, a Docker context "
                        + "(docker context use) or -Dslim.dockerHost=unix:///path/to/docker.sock.");
    }
}
