package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Daemon errors reach the user as the daemon's sentence, not as docker-java's "Status 404: {json}". */
class DaemonMessageTest {

    @Test
    void jsonErrorBodyIsReducedToItsMessage() {
        assertThat(DaemonFailures.daemonMessage(
                "Status 404: {\"message\":\"pull access denied for x, repository does not exist\"}"))
                .isEqualTo("pull access denied for x, repository does not exist");
    }

    @Test
    void trailingNewlineOfTheBodyDoesNotMatter() {
        assertThat(DaemonFailures.daemonMessage("Status 500: {\"message\":\"no space left on device\"}\n"))
                .isEqualTo("no space left on device");
    }

    @Test
    void escapedQuotesInTheMessageAreUnescaped() {
        assertThat(DaemonFailures.daemonMessage(
                "Status 400: {\"message\":\"invalid reference format: repository name \\\"UPPER/app\\\" must be lowercase\"}"))
                .isEqualTo("invalid reference format: repository name \"UPPER/app\" must be lowercase");
    }

    @Test
    void messageWithoutJsonIsUnchanged() {
        String plain = "Connection refused: /var/run/docker.sock";

        assertThat(DaemonFailures.daemonMessage(plain)).isEqualTo(plain);
        assertThat(DaemonFailures.daemonMessage("{ not the daemon's shape }")).isEqualTo("{ not the daemon's shape }");
    }

    @Test
    void rootCauseMessageIsShortenedToo() {
        RuntimeException wrapped = new RuntimeException("pulling failed",
                new IOException("Status 404: {\"message\":\"manifest for acme/app:9 not found: manifest unknown\"}\n"));

        assertThat(DaemonFailures.rootMessage(wrapped)).contains("manifest for acme/app:9 not found: manifest unknown")
                .doesNotContain("Status 404").doesNotContain("{");
    }
}
