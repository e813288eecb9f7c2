package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 answers as the daemon sends them (recorded from Docker 20.10 with its unix socket), and their framing. */
class UnixSocketHttpTest {

    @Test
    void recordedInspectAnswerIsItsStatusAndTheBodyItsContentLengthNames() throws IOException {
        UnixSocketHttp.Answer answer = UnixSocketHttp.parse(recorded("docker-inspect-answer.http"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).startsWith("{\"Id\":\"sha256:fbf24e57").endsWith("}\n");
        assertThat(answer.body().getBytes(StandardCharsets.UTF_8)).hasSize(1805);
    }

    @Test
    void recordedAnswerForAnAbsentImageIs404() throws IOException {
        UnixSocketHttp.Answer answer = UnixSocketHttp.parse(recorded("docker-inspect-404-answer.http"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.body()).contains("No such image: noop12/absent:1");
    }

    @Test
    void chunkedBodyIsDecodedAndTrailingBytesAfterTheLastChunkIgnored() throws IOException {
        String raw = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"a\":\r\n9;ext=1\r\n\"héllo\"}\r\n0\r\n\r\n";

        UnixSocketHttp.Answer answer = UnixSocketHttp.parse(raw.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.body()).isEqualTo("{\"a\":\"héllo\"}");
    }

    @Test
    void bodyWithoutLengthRunsToTheEndOfTheStream() throws IOException {
        UnixSocketHttp.Answer answer = UnixSocketHttp.parse("HTTP/1.0 200 OK\r\n\r\nOK".getBytes(StandardCharsets.US_ASCII));

        assertThat(answer).isEqualTo(new UnixSocketHttp.Answer(200, "OK"));
    }

    @Test
    void cutOffOrForeignAnswersAreFailuresNotAnswers() {
        assertThatThrownBy(() -> UnixSocketHttp.parse("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IOException.class).hasMessageContaining("ended after 5 of 10 bytes");
        assertThatThrownBy(() -> UnixSocketHttp.parse("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\nabc".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IOException.class).hasMessageContaining("ended inside a chunk");
        assertThatThrownBy(() -> UnixSocketHttp.parse("SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IOException.class).hasMessageContaining("no HTTP/1.x answer");
        assertThatThrownBy(() -> UnixSocketHttp.parse("HTTP/1.1 200 OK\r\nContent-Le".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IOException.class).hasMessageContaining("no end of headers");
    }

    static byte[] recorded(String name) throws IOException {
        try (InputStream in = UnixSocketHttpTest.class.getResourceAsStream("/docker/" + name)) {
            return in.readAllBytes();
        }
    }
}
