package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.registry.Credentials;
import dev.slimimage.testing.TestRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Push against the real daemon and the real registries of scripts/ensure-registry.sh: the digest is the registry's,
 * and each failure (none of which docker-java throws for) becomes its sentence. Repositories are registrypushit/…
 */
class RegistryPushIT {

    private static final String BASE = "gcr.io/distroless/base-debian12";
    private static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static final String LOCAL = "slim-it/registrypushit-" + ID + ":1";
    private static final List<String> made = new ArrayList<>();
    private static DockerDaemon daemon;

    @BeforeAll
    static void setUp() throws Exception {
        daemon = DockerConnector.dockerJava().connect(Optional.empty());
        docker("build", "-q", "-t", LOCAL, "-", "FROM " + BASE + "\nLABEL registrypushit=" + ID + "\n");
        made.add(LOCAL);
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (String image : made) {
            docker("rmi", image);
        }
        daemon.close();
    }

    private static String tagged(String registry, String repository) throws Exception {
        String reference = registry + "/registrypushit/" + repository + ":" + ID;
        docker("tag", LOCAL, reference);
        made.add(reference);
        return reference;
    }

    private static Credentials good() throws IOException {
        return new Credentials(TestRegistry.username(), TestRegistry.password(), "the test");
    }

    @Test
    void plainPushReportsTheRegistrysDigestAndOneLinePerLayerState() throws Exception {
        String reference = tagged(TestRegistry.PLAIN, "plain");
        List<String> progress = new ArrayList<>();
        String digest = daemon.registry().push(reference, Optional.empty(), progress::add);
        assertThat(digest).matches("sha256:[0-9a-f]{64}").isEqualTo(TestRegistry.manifestDigest(TestRegistry.PLAIN,
                "registrypushit/plain", ID));
        assertThat(progress).isNotEmpty().doesNotHaveDuplicates();
    }

    @Test
    void authenticatedPushWithGoodCredentials() throws Exception {
        String reference = tagged(TestRegistry.AUTH, "auth");
        String digest = daemon.registry().push(reference, Optional.of(good()), line -> { });
        assertThat(digest).isEqualTo(TestRegistry.manifestDigest(TestRegistry.AUTH, "registrypushit/auth", ID));
    }

    /**
     * The TLS registry works through the daemon. The daemon treats 127.0.0.0/8 as insecure and does not check the
     * certificate there; trust is tested on 198.51.100.10 below.
     */
    @Test
    void tlsRegistry() throws Exception {
        String reference = tagged(TestRegistry.TLS, "tls");
        assertThat(daemon.registry().push(reference, Optional.empty(), line -> { })).matches("sha256:[0-9a-f]{64}");
    }

    /** Same CA, same certificate: only /etc/docker/certs.d/<host:port>/ca.crt differs between the two registries. */
    @Test
    void untrustedCertificateSaysWhereTheCaGoesAndWithItThePushWorks() throws Exception {
        String untrusted = tagged(TestRegistry.UNTRUSTED, "untrusted");
        assertThatThrownBy(() -> daemon.registry().push(untrusted, Optional.empty(), line -> { }))
                .isInstanceOf(PushFailedException.class)
                .hasMessageContaining("x509: certificate signed by unknown authority")
                .hasMessageContaining("/etc/docker/certs.d/" + TestRegistry.UNTRUSTED + "/ca.crt");
        String trusted = tagged(TestRegistry.TRUSTED, "trusted");
        assertThat(daemon.registry().push(trusted, Optional.empty(), line -> { })).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void readOnlyRegistrySaysItTakesNoPushes() throws Exception {
        String reference = tagged(TestRegistry.READ_ONLY, "readonly");
        assertThatThrownBy(() -> daemon.registry().push(reference, Optional.empty(), line -> { }))
                .isInstanceOf(PushFailedException.class)
                .hasMessageContaining("HTTP 405")
                .hasMessageContaining("does not accept pushes at all");
    }

    @Test
    void noCredentialsSaysHowToGiveThem() throws Exception {
        String reference = tagged(TestRegistry.AUTH, "nocreds");
        assertThatThrownBy(() -> daemon.registry().push(reference, Optional.empty(), line -> { }))
                .isInstanceOf(PushFailedException.class)
                .hasMessageContaining("no credentials were found for " + TestRegistry.AUTH)
                .hasMessageContaining("slim.registry.username");
    }

    @Test
    void wrongPasswordNamesTheSourceNotTheSecret() throws Exception {
        String reference = tagged(TestRegistry.AUTH, "wrong");
        Credentials wrong = new Credentials(TestRegistry.username(), "not-the-password-" + ID, "settings.xml server 'x'");
        assertThatThrownBy(() -> daemon.registry().push(reference, Optional.of(wrong), line -> { }))
                .isInstanceOf(PushFailedException.class)
                .hasMessageContaining("the credentials from settings.xml server 'x' were not accepted")
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void unreachableRegistryIsTheEnvironmentsProblem() throws Exception {
        String reference = tagged("127.0.0.1:5999", "unreachable");
        assertThatThrownBy(() -> daemon.registry().push(reference, Optional.empty(), line -> { }))
                .isInstanceOf(RegistryUnreachableException.class)
                .hasMessageContaining("could not reach the registry 127.0.0.1:5999");
    }

    @Test
    void imageNotOnTheDaemon() {
        assertThatThrownBy(() -> daemon.registry().push(TestRegistry.PLAIN + "/registrypushit/never-built:" + ID, Optional.empty(),
                line -> { }))
                .isInstanceOf(PushFailedException.class)
                .hasMessageContaining("build it first");
    }

    static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        String input = null;
        for (String arg : args) {
            if (arg.startsWith("FROM ")) {
                input = arg;
            } else {
                command.add(arg);
            }
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(120, TimeUnit.SECONDS);
        return out;
    }
}
