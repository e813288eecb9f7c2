package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void postStreamsTheBodyInChunksAndHandsTheAnswerOverLineByLine(@TempDir Path dir) throws Exception {
        byte[] body = new byte[3 * UnixSocketHttp.CHUNK_BYTES + 17];
        new Random(7).nextBytes(body);
        AtomicReference<byte[]> received = new AtomicReference<>();
        Path socket = serveOnce(dir, client -> {
            InputStream in = new BufferedInputStream(Channels.newInputStream(client));
            String head = headOf(in);
            assertThat(head).startsWith("POST /build?t=a%3A1 HTTP/1.1\r\n").contains("Transfer-Encoding: chunked");
            received.set(dechunk(in));
            write(client, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "f\r\n{\"stream\":\"a\"}\n\r\n" + "5\r\n{\"str\r\n" + "b\r\neam\":\"é\"}\n\r\n" + "0\r\n\r\n");
        });
        List<String> lines = new ArrayList<>();

        UnixSocketHttp.Answer answer = new UnixSocketHttp(socket).post("/build?t=a%3A1", "application/x-tar",
                new ByteArrayInputStream(body), lines::add, Duration.ofMinutes(1));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(received.get()).isEqualTo(body);
        assertThat(lines).containsExactly("{\"stream\":\"a\"}", "{\"stream\":\"é\"}");
    }

    @Test
    void aDaemonThatRefusesBeforeReadingTheBodyIsHeardOut(@TempDir Path dir) throws Exception {
        Path socket = serveOnce(dir, client -> {
            headOf(new BufferedInputStream(Channels.newInputStream(client)));
            write(client, "HTTP/1.1 400 Bad Request\r\nContent-Length: 38\r\n\r\n{\"message\":\"invalid reference format\"}");
            client.shutdownOutput();
            client.shutdownInput();
        });
        List<String> lines = new ArrayList<>();

        UnixSocketHttp.Answer answer = new UnixSocketHttp(socket).post("/build", "application/x-tar",
                new ByteArrayInputStream(new byte[8 << 20]), lines::add, Duration.ofMinutes(1));

        assertThat(answer).isEqualTo(new UnixSocketHttp.Answer(400, "{\"message\":\"invalid reference format\"}"));
        assertThat(lines).isEmpty();
    }

    @Test
    void aBodyThatCannotBeReadFailsWithItsOwnError(@TempDir Path dir) throws Exception {
        Path socket = serveOnce(dir, client -> dechunk(skipHead(client)));
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("layers/classes/A.class changed size while it was being sent");
            }
        };

        assertThatThrownBy(() -> new UnixSocketHttp(socket).post("/build", "application/x-tar", broken, line -> { },
                Duration.ofMinutes(1))).hasMessage("layers/classes/A.class changed size while it was being sent");
    }

    @Test
    void aDaemonThatNeverAnswersIsGivenUpAfterTheLimit(@TempDir Path dir) throws Exception {
        Path socket = serveOnce(dir, client -> {
            dechunk(skipHead(client));
            Thread.sleep(30_000);
        });
        List<String> lines = new ArrayList<>();

        assertThatThrownBy(() -> new UnixSocketHttp(socket).post("/build?t=a", "application/x-tar",
                new ByteArrayInputStream(new byte[10]), lines::add, Duration.ofMillis(300)))
                .isInstanceOf(IOException.class).hasMessage("no end of POST /build within 300 ms");
    }

    @FunctionalInterface
    private interface Server {
        void serve(SocketChannel client) throws Exception;
    }

    private static Path serveOnce(Path dir, Server server) throws IOException {
        Path socket = dir.resolve("d.sock");
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(socket));
        Thread thread = new Thread(() -> {
            try (channel; SocketChannel client = channel.accept()) {
                server.serve(client);
            } catch (Exception | AssertionError e) {
                // The client's assertions tell; a server that failed answers nothing.
            }
        }, "fake-daemon");
        thread.setDaemon(true);
        thread.start();
        return socket;
    }

    private static InputStream skipHead(SocketChannel client) throws IOException {
        InputStream in = new BufferedInputStream(Channels.newInputStream(client));
        headOf(in);
        return in;
    }

    private static String headOf(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("no end of headers");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            for (int b = in.read(); b != '\r'; b = in.read()) {
                size.append((char) b);
            }
            in.read();
            int n = Integer.parseInt(size.toString(), 16);
            body.write(in.readNBytes(n));
            in.readNBytes(2);
            if (n == 0) {
                return body.toByteArray();
            }
        }
    }

    private static void write(SocketChannel client, String text) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            client.write(bytes);
        }
    }

    static byte[] recorded(String name) throws IOException {
        try (InputStream in = UnixSocketHttpTest.class.getResourceAsStream("/docker/" + name)) {
            return in.readAllBytes();
        }
    }
}
