package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectImageResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The quick inspect reads a recorded daemon answer into the same {@link ImageInfo} as docker-java's inspect. */
class UnixSocketDaemonTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void recordedInspectReadsAsDockerJavaReadsIt() throws IOException {
        for (String body : List.of(new String(UnixSocketHttpTest.recorded("docker-inspect-labels.json"), StandardCharsets.UTF_8),
                UnixSocketHttp.parse(UnixSocketHttpTest.recorded("docker-inspect-answer.http")).body())) {
            ImageInfo quick = UnixSocketDaemon.imageInfo(JSON.readTree(body));
            ImageInfo dockerJava = DockerJavaImages.info(JSON.readValue(body, InspectImageResponse.class));

            assertThat(quick).isEqualTo(dockerJava);
        }
    }

    @Test
    void recordedInspectHoldsWhatTheBuildLooksAt() throws IOException {
        ImageInfo info = UnixSocketDaemon.imageInfo(JSON.readTree(UnixSocketHttpTest.recorded("docker-inspect-labels.json")));

        assertThat(info.id()).isEqualTo("sha256:6f3b13b0ed6bf4f6be4e7156e3f0e9215c178647b13f292acbf15116c7d7c11d");
        assertThat(info.labels()).containsEntry("dev.slimimage.runtime", "jre").containsEntry("org.example.empty", "");
        assertThat(info.exposedPorts()).containsExactlyInAnyOrder("8080/tcp", "53/udp");
        assertThat(info.env()).containsEntry("APP_MODE", "quick").containsEntry("A", "b=c");
        assertThat(info.diffIds()).isNotEmpty().allMatch(d -> d.startsWith("sha256:"));
        assertThat(info.sizeBytes()).isPositive();
    }

    @Test
    void podmansLongNamesAndMissingFieldsReadAsDockerShowsThem() throws IOException {
        ImageInfo info = UnixSocketDaemon.imageInfo(JSON.readTree("{\"Id\":\"abc\",\"RepoTags\":[\"docker.io/library/app:1\"],"
                + "\"Config\":{\"Labels\":null,\"ExposedPorts\":{\"8080\":{}}}}"));

        assertThat(info).isEqualTo(new ImageInfo("abc", 0, List.of("app:1"), Map.of(), List.of("8080/tcp"), List.of(), Map.of()));
        assertThatThrownBy(() -> UnixSocketDaemon.imageInfo(JSON.readTree("{\"message\":\"x\"}"))).isInstanceOf(IOException.class);
    }

    @Test
    void onlyALocalSocketWithoutTlsIsAskedTheQuickWay() {
        UnixSocketDaemon.FullDaemon never = () -> {
            throw new AssertionError("not opened");
        };
        assertThat(UnixSocketDaemon.open(new DaemonCandidate("tcp://127.0.0.1:1", Optional.empty(), "DOCKER_HOST", true), never))
                .isEmpty();
        assertThat(UnixSocketDaemon.open(new DaemonCandidate("unix:///tmp/slim-no-such-quick.sock", Optional.empty(), "DOCKER_HOST",
                true), never)).as("nothing there: docker-java meets it and reports it as always").isEmpty();
    }
}
