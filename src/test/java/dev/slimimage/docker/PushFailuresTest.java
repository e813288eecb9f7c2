package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.registry.Credentials;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The registry's error texts (as the daemon passes them in the push stream's error detail) become one sentence each. */
class PushFailuresTest {

    private static final String REF = "registry.example.com:5443/team/app:1";
    private static final String REGISTRY = "registry.example.com:5443";
    private static final Optional<Credentials> CREDS = Optional.of(new Credentials("ci", "s3cr3t-value", "settings.xml server 'r'"));

    private static DockerException failure(String detail, Optional<Credentials> credentials) {
        return PushFailures.failure("pushing " + REF, REF, REGISTRY, credentials, detail);
    }

    @Test
    void untrustedCertificateSaysWhereTheCaGoes() {
        DockerException e = failure("Get \"https://registry.example.com:5443/v2/\": x509: certificate signed by unknown authority",
                Optional.empty());
        assertThat(e).isInstanceOf(PushFailedException.class);
        assertThat(e.getMessage()).contains("does not trust the TLS certificate")
                .contains("/etc/docker/certs.d/registry.example.com:5443/ca.crt");
    }

    @Test
    void noCredentials() {
        assertThat(failure("no basic auth credentials", Optional.empty()).getMessage())
                .contains("no credentials were found for " + REGISTRY).contains("settings.xml").contains("docker login");
        assertThat(failure("unauthorized: authentication required", Optional.empty()).getMessage())
                .contains("no credentials were found");
    }

    @Test
    void wrongPasswordNamesTheSourceNeverTheSecret() {
        DockerException e = failure("unauthorized: authentication required", CREDS);
        assertThat(e).isInstanceOf(PushFailedException.class);
        assertThat(e.getMessage()).contains("the credentials from settings.xml server 'r' were not accepted")
                .doesNotContain("s3cr3t-value");
    }

    @Test
    void refusedRepository() {
        assertThat(failure("denied: requested access to the resource is denied", CREDS).getMessage())
                .contains("choose a repository the registry accepts");
        assertThat(failure("name unknown: The repository with name 'team/app' does not exist in the registry", CREDS).getMessage())
                .contains("choose a repository the registry accepts");
        assertThat(failure("name invalid: invalid repository name", Optional.empty()).getMessage())
                .contains("choose a repository the registry accepts");
    }

    @Test
    void unreachableIsTheEnvironments() {
        DockerException e = failure("Get \"http://127.0.0.1:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused",
                Optional.empty());
        assertThat(e).isInstanceOf(RegistryUnreachableException.class);
        assertThat(e.getMessage()).contains("could not reach the registry " + REGISTRY);
    }

    @Test
    void plainHttpRegistryNotMarkedInsecure() {
        assertThat(failure("Get \"https://r:5000/v2/\": http: server gave HTTP response to HTTPS client", Optional.empty())
                .getMessage()).contains("insecure-registries");
    }

    @Test
    void anythingElseKeepsTheRegistrysWords() {
        assertThat(failure("blob upload unknown", Optional.empty()).getMessage())
                .startsWith("The registry " + REGISTRY + " refused pushing " + REF + " (blob upload unknown)");
    }
}
