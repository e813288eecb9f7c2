package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Podman's Docker-compatible answers, as measured with Podman 4.3.1, read as Docker's. */
class DialectsTest {

    @Test
    void podmansFullyQualifiedShortNamesReadAsDockerShowsThem() {
        assertThat(Dialects.familiarName("docker.io/library/app:1")).isEqualTo("app:1");
        assertThat(Dialects.familiarName("docker.io/team/app:1")).isEqualTo("team/app:1");
        assertThat(Dialects.familiarName("gcr.io/distroless/cc-debian12:latest")).isEqualTo("gcr.io/distroless/cc-debian12:latest");
        assertThat(Dialects.familiarName("localhost:5000/app:1")).isEqualTo("localhost:5000/app:1");
    }

    @Test
    void podmansShellWrappedExecFormRunReadsAsDockersCommand() {
        assertThat(Dialects.historyText("/bin/sh -c [\"java\",\"-XX:ArchiveClassesAtExit=app.jsa\",\"-version\"]"))
                .isEqualTo("java -XX:ArchiveClassesAtExit=app.jsa -version");
        assertThat(Dialects.historyText("/bin/sh -c #(nop) COPY dir:f5dd in / ")).isEqualTo("/bin/sh -c #(nop) COPY dir:f5dd in / ");
        assertThat(Dialects.historyText("/bin/sh -c [ -x /bin/true ]")).as("a shell test, not JSON").isEqualTo("/bin/sh -c [ -x /bin/true ]");
    }

    @Test
    void theVersionEndpointTellsDockerFromPodman() throws IOException {
        DaemonEngine docker = DaemonEngine.of(version("docker-20.10-version.json"), "unix:///var/run/docker.sock");
        DaemonEngine podman = DaemonEngine.of(version("podman-4.3-version.json"), "tcp://build.example:8888");

        assertThat(docker).isEqualTo(new DaemonEngine("Docker", "20.10.24+dfsg1", "1.41", "unix:///var/run/docker.sock", false));
        assertThat(docker.describe()).isEqualTo("Docker 20.10.24+dfsg1 (API 1.41, local) at unix:///var/run/docker.sock");
        assertThat(podman).isEqualTo(new DaemonEngine("Podman", "4.3.1", "1.41", "tcp://build.example:8888", true));
    }

    private static java.util.Map<String, Object> version(String resource) throws IOException {
        try (InputStream in = DialectsTest.class.getResourceAsStream("/docker/" + resource)) {
            return dev.slimimage.json.Json.object(dev.slimimage.json.Json.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
        }
    }

    @Test
    void aPublishedPortIsReachedOnTheDaemonsHost() {
        assertThat(PublishAddress.of("unix:///var/run/docker.sock")).isEqualTo(new PublishAddress("127.0.0.1", "127.0.0.1"));
        assertThat(PublishAddress.of("tcp://127.0.0.1:2376")).isEqualTo(new PublishAddress("127.0.0.1", "127.0.0.1"));
        assertThat(PublishAddress.of("tcp://localhost:2376")).isEqualTo(new PublishAddress("127.0.0.1", "127.0.0.1"));
        assertThat(PublishAddress.of("tcp://172.31.250.1:23760")).isEqualTo(new PublishAddress("172.31.250.1", "172.31.250.1"));
        assertThat(PublishAddress.of("tcp://build.example:2376")).isEqualTo(new PublishAddress("0.0.0.0", "build.example"));
    }
}
