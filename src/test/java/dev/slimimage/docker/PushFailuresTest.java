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

    /** Recorded from docker-registry 2.8 with storage.maintenance.readonly.enabled, as the daemon reports it. */
    @Test
    void readOnlyRegistrySaysItTakesNoPushes() {
        DockerException e = failure("error parsing HTTP 405 response body: invalid character 'M' looking for beginning of "
                + "value: \"Method not allowed\\n\"", CREDS);
        assertThat(e).isInstanceOf(PushFailedException.class);
        assertThat(e.getMessage()).startsWith("The registry " + REGISTRY + " refused pushing " + REF + " (error parsing HTTP 405")
                .contains("does not accept pushes at all (it is read-only")
                .contains("push to a registry that accepts pushes")
                .doesNotContain("choose a repository");
        // A pull-through cache (proxy.remoteurl): the daemon's whole error text after its retries.
        assertThat(failure("unsupported", Optional.empty()).getMessage())
                .contains("does not accept pushes at all");
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
