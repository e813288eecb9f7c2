package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectImageResponse;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quick inspect reads a recorded daemon answer into the same {@link ImageInfo} as docker-java's inspect. */
class UnixSocketDaemonTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    @Test
    void recordedInspectReadsAsDockerJavaReadsIt() throws IOException {
        for (String body : List.of(new String(UnixSocketHttpTest.recorded("docker-inspect-labels.json"), StandardCharsets.UTF_8),
                UnixSocketHttp.parse(UnixSocketHttpTest.recorded("docker-inspect-answer.http")).body())) {
            ImageInfo quick = UnixSocketDaemon.imageInfo(body);
            ImageInfo dockerJava = DockerJavaImages.info(JSON.readValue(body, InspectImageResponse.class));

            assertThat(quick).isEqualTo(dockerJava);
        }
    }

    @Test
    void recordedInspectHoldsWhatTheBuildLooksAt() throws IOException {
        ImageInfo info = UnixSocketDaemon.imageInfo(new String(UnixSocketHttpTest.recorded("docker-inspect-labels.json"), StandardCharsets.UTF_8));

        assertThat(info.id()).isEqualTo("sha256:6f3b13b0ed6bf4f6be4e7156e3f0e9215c178647b13f292acbf15116c7d7c11d");
        assertThat(info.labels()).containsEntry("dev.slimimage.runtime", "jre").containsEntry("org.example.empty", "");
        assertThat(info.exposedPorts()).containsExactlyInAnyOrder("8080/tcp", "53/udp");
        assertThat(info.env()).containsEntry("APP_MODE", "quick").containsEntry("A", "b=c");
        assertThat(info.diffIds()).isNotEmpty().allMatch(d -> d.startsWith("sha256:"));
        assertThat(info.sizeBytes()).isPositive();
    }

    @Test
    void podmansLongNamesAndMissingFieldsReadAsDockerShowsThem() throws IOException {
        ImageInfo info = UnixSocketDaemon.imageInfo("{\"Id\":\"abc\",\"RepoTags\":[\"docker.io/library/app:1\"],"
                + "\"Config\":{\"Labels\":null,\"ExposedPorts\":{\"8080\":{}}}}");

        assertThat(info).isEqualTo(new ImageInfo("abc", 0, List.of("app:1"), Map.of(), List.of("8080/tcp"), List.of(), Map.of()));
        assertThatThrownBy(() -> UnixSocketDaemon.imageInfo("{\"message\":\"x\"}")).isInstanceOf(IOException.class);
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

    @Test
    void whatTheSocketCannotAnswerGoesToDockerJavaAndADeadOneIsReportedAsStoppedAnswering(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("d.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread engine = new Thread(() -> serve(server), "fake-unix-engine");
            engine.setDaemon(true);
            engine.start();
            AtomicInteger opened = new AtomicInteger();
            UnixSocketDaemon.FullDaemon dead = () -> {
                opened.incrementAndGet();
                throw new IOException("Connection refused");
            };
            DaemonCandidate candidate = new DaemonCandidate("unix://" + socket, Optional.empty(), "DOCKER_HOST", true);

            DockerDaemon daemon = UnixSocketDaemon.open(candidate, dead).orElseThrow();

            assertThat(daemon.choice()).isEqualTo("Docker daemon: Docker 20.10.24+dfsg1 (API 1.41, local) at unix://" + socket
                    + ", chosen by DOCKER_HOST");
            assertThat(daemon.images().inspect("absent:1")).isEmpty();
            assertThat(opened).as("a 404 is an answer").hasValue(0);
            assertThatThrownBy(() -> daemon.images().inspect("broken:1"))
                    .isInstanceOf(DaemonUnavailableException.class)
                    .hasMessage("The Docker daemon at unix://" + socket + " stopped answering while inspecting broken:1: check that "
                            + "it is running (docker info, systemctl status docker) and run the build again.");
            assertThat(opened).as("a 500 is asked again through docker-java").hasValue(1);
            daemon.close();
        }
    }

    /** Docker 20.10's ping and version; 404 for absent:1; 500 for anything else. */
    private static void serve(ServerSocketChannel server) {
        try {
            String version = new String(DialectsTest.class.getResourceAsStream("/docker/docker-20.10-version.json").readAllBytes(),
                    StandardCharsets.UTF_8);
            while (true) {
                try (SocketChannel client = server.accept()) {
                    ByteBuffer in = ByteBuffer.allocate(4096);
                    String request = "";
                    while (!request.contains("\r\n\r\n") && client.read(in) >= 0) {
                        request = new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII);
                    }
                    String path = request.split(" ")[1];
                    int status = path.equals("/_ping") || path.equals("/version") ? 200 : path.equals("/images/absent:1/json") ? 404 : 500;
                    String body = path.equals("/_ping") ? "OK" : path.equals("/version") ? version : "{\"message\":\"boom\"}";
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    client.write(ByteBuffer.wrap(("HTTP/1.1 " + status + " X\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII)));
                    client.write(ByteBuffer.wrap(bytes));
                }
            }
        } catch (IOException closed) {
            // The test is over.
        }
    }
}
