package dev.slimimage.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ~/.docker/config.json as docker login leaves it: auths, credHelpers and credsStore, with real helper scripts. */
class DockerConfigCredentialsTest {

    @TempDir
    Path tmp;

    private Path config(String json) throws Exception {
        Path file = tmp.resolve("docker/config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
        return file;
    }

    private Path bin() throws Exception {
        return Files.createDirectories(tmp.resolve("bin"));
    }

    /** A docker-credential-NAME script that answers for one server, and says "not found" for others. */
    private void helper(String name, String server, String user, String secret) throws Exception {
        Path script = bin().resolve("docker-credential-" + name);
        Files.writeString(script, "#!/bin/sh\n[ \"$1\" = get ] || exit 2\nread server\n"
                + "if [ \"$server\" = \"" + server + "\" ]; then\n"
                + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"" + user + "\",\"Secret\":\"" + secret + "\"}' \"$server\"\n"
                + "else\n  echo 'credentials not found in native keychain'; exit 1\nfi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private DockerConfigCredentials source(Path file) throws Exception {
        return new DockerConfigCredentials(file, new CredentialHelper(Map.of("PATH", bin() + ":/usr/bin:/bin")));
    }

    private static String basic(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authsEntryWithBase64UserAndPassword() throws Exception {
        Path file = config("{\"auths\":{\"127.0.0.1:5001\":{\"auth\":\"" + basic("ci", "pa:ss") + "\"}}}");
        Credentials found = source(file).find("127.0.0.1:5001").orElseThrow();
        assertThat(found.username()).isEqualTo("ci");
        assertThat(found.secret()).isEqualTo("pa:ss");
        assertThat(found.source()).isEqualTo("auths in " + file);
    }

    @Test
    void authsKeysAreComparedWithoutSchemeAndPathAndDockerHubByItsConfigKey() throws Exception {
        Path file = config("{\"auths\":{\"https://registry.example.com/v2/\":{\"auth\":\"" + basic("a", "b") + "\"},"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + basic("hub", "h") + "\"}}}");
        assertThat(source(file).find("registry.example.com")).map(Credentials::username).contains("a");
        assertThat(source(file).find("docker.io")).map(Credentials::username).contains("hub");
        assertThat(source(file).find("other.example.com")).isEmpty();
    }

    @Test
    void identityToken() throws Exception {
        Path file = config("{\"auths\":{\"r.example.com\":{\"identitytoken\":\"tok\"}}}");
        Credentials found = source(file).find("r.example.com").orElseThrow();
        assertThat(found.isIdentityToken()).isTrue();
        assertThat(found.secret()).isEqualTo("tok");
    }

    @Test
    void credHelperForTheRegistryComesFirst() throws Exception {
        helper("fake", "127.0.0.1:5001", "from-helper", "s3");
        Path file = config("{\"credHelpers\":{\"127.0.0.1:5001\":\"fake\"},\"auths\":{\"127.0.0.1:5001\":{\"auth\":\""
                + basic("from-auths", "x") + "\"}}}");
        Credentials found = source(file).find("127.0.0.1:5001").orElseThrow();
        assertThat(found.username()).isEqualTo("from-helper");
        assertThat(found.secret()).isEqualTo("s3");
        assertThat(found.source()).startsWith("credential helper docker-credential-fake");
    }

    @Test
    void credsStoreThenAuthsWhenTheStoreHasNothing() throws Exception {
        helper("store", "r.example.com", "stored", "s");
        Path file = config("{\"credsStore\":\"store\",\"auths\":{\"other.example.com\":{\"auth\":\"" + basic("plain", "p") + "\"}}}");
        assertThat(source(file).find("r.example.com")).map(Credentials::username).contains("stored");
        assertThat(source(file).find("other.example.com")).map(Credentials::username).contains("plain");
        assertThat(source(file).find("third.example.com")).isEmpty();
    }

    @Test
    void helperNotOnPathIsOneSentence() throws Exception {
        Path file = config("{\"credHelpers\":{\"r.example.com\":\"missing\"}}");
        assertThatThrownBy(() -> source(file).find("r.example.com")).isInstanceOf(CredentialException.class)
                .hasMessageContaining("docker-credential-missing but it is not on the PATH");
    }

    @Test
    void failingHelperDoesNotRepeatItsOutput() throws Exception {
        Path script = bin().resolve("docker-credential-broken");
        Files.writeString(script, "#!/bin/sh\necho 'secret-in-output'; exit 3\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = config("{\"credHelpers\":{\"r.example.com\":\"broken\"}}");
        assertThatThrownBy(() -> source(file).find("r.example.com")).isInstanceOf(CredentialException.class)
                .hasMessageContaining("failed (exit 3)").hasMessageNotContaining("secret-in-output");
    }

    @Test
    void noFileMeansNoCredentialsAndABrokenFileIsOneSentence() throws Exception {
        assertThat(source(tmp.resolve("none.json")).find("r.example.com")).isEmpty();
        Path file = config("{not json");
        assertThatThrownBy(() -> source(file).find("r.example.com")).isInstanceOf(CredentialException.class)
                .hasMessageStartingWith("The Docker config " + file + " cannot be read");
    }

    @Test
    void dockerConfigVariableChoosesTheDirectory() {
        assertThat(DockerConfigCredentials.configFile(Map.of("DOCKER_CONFIG", "/ci/docker"), "/home/u"))
                .isEqualTo(Path.of("/ci/docker/config.json"));
        assertThat(DockerConfigCredentials.configFile(Map.of(), "/home/u")).isEqualTo(Path.of("/home/u/.docker/config.json"));
    }

    @Test
    void resolverTakesTheFirstSourceThatHasCredentials() throws Exception {
        CredentialSource none = registry -> Optional.empty();
        CredentialSource settings = registry -> Optional.of(new Credentials("s", "p", "settings"));
        CredentialSource docker = registry -> Optional.of(new Credentials("d", "p", "docker"));
        assertThat(new CredentialResolver(java.util.List.of(none, settings, docker)).find("r")).map(Credentials::source)
                .contains("settings");
        assertThat(new CredentialResolver(java.util.List.of(ExplicitCredentials.of("e", "p"), settings)).find("r"))
                .map(Credentials::source).contains(ExplicitCredentials.SOURCE);
        assertThat(new CredentialResolver(java.util.List.of(ExplicitCredentials.of(null, ""), docker)).find("r"))
                .map(Credentials::source).contains("docker");
        assertThat(CredentialResolver.none().find("r")).isEmpty();
    }

    @Test
    void halfGivenExplicitCredentialsAreRefused() {
        assertThatThrownBy(() -> ExplicitCredentials.of("user", null)).isInstanceOf(CredentialException.class)
                .hasMessageContaining("Only the registry user name is set");
        assertThatThrownBy(() -> ExplicitCredentials.of(" ", "pw")).isInstanceOf(CredentialException.class)
                .hasMessageContaining("Only the registry password is set");
    }

    @Test
    void secretsNeverShowInToString() throws Exception {
        assertThat(new Credentials("u", "hunter2", "x").toString()).doesNotContain("hunter2");
        assertThat(ExplicitCredentials.of("u", "hunter2").toString()).doesNotContain("hunter2");
    }

    @Test
    void registryOfAReference() {
        assertThat(RegistryHost.of("app:1")).isEqualTo("docker.io");
        assertThat(RegistryHost.of("library/app:1")).isEqualTo("docker.io");
        assertThat(RegistryHost.of("127.0.0.1:5001/team/app:1")).isEqualTo("127.0.0.1:5001");
        assertThat(RegistryHost.of("localhost/app")).isEqualTo("localhost");
        assertThat(RegistryHost.of("Registry.Example.com/app")).isEqualTo("registry.example.com");
        assertThat(RegistryHost.configKey("docker.io")).isEqualTo("https://index.docker.io/v1/");
    }
}
