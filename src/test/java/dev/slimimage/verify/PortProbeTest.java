package dev.slimimage.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The real TCP probe against loopback servers that behave like a listening app and like Docker's proxy with nothing behind it. */
class PortProbeTest {

    private static ServerSocket server() throws IOException {
        return new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    /** Accepts one connection in the background and hands it to {@code then}. */
    private static Thread acceptOnce(ServerSocket server, IoConsumer then) {
        Thread t = new Thread(() -> {
            try (Socket s = server.accept()) {
                then.accept(s);
            } catch (IOException | InterruptedException ignored) {
                // the probe is done
            }
        });
        t.start();
        return t;
    }

    interface IoConsumer {
        void accept(Socket s) throws IOException, InterruptedException;
    }

    @Test
    void aServerThatKeepsTheConnectionOpenSilentlyAccepts() throws Exception {
        try (ServerSocket server = server()) {
            Thread t = acceptOnce(server, s -> Thread.sleep(1500));
            assertThat(PortProbe.TCP.accepts("127.0.0.1", server.getLocalPort())).isTrue();
            t.interrupt();
        }
    }

    @Test
    void aServerThatSpeaksFirstAccepts() throws Exception {
        try (ServerSocket server = server()) {
            acceptOnce(server, s -> {
                OutputStream out = s.getOutputStream();
                out.write("220 ready\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(1000);
            });
            assertThat(PortProbe.TCP.accepts("127.0.0.1", server.getLocalPort())).isTrue();
        }
    }

    @Test
    void aConnectionClosedAtOnceLikeDockersProxyWithNothingBehindItDoesNotCount() throws Exception {
        try (ServerSocket server = server()) {
            acceptOnce(server, s -> { });
            assertThat(PortProbe.TCP.accepts("127.0.0.1", server.getLocalPort())).isFalse();
        }
    }

    @Test
    void aClosedPortDoesNotAccept() throws Exception {
        int port;
        try (ServerSocket server = server()) {
            port = server.getLocalPort();
        }
        assertThat(PortProbe.TCP.accepts("127.0.0.1", port)).isFalse();
    }
}
