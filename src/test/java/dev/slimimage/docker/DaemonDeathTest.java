package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A daemon that dies during a build, played by a small HTTP server that speaks just enough of the Engine API: the
 * real docker-java client talks to it over TCP. A dead daemon is the environment's problem, named as such, and never
 * reported as a failed step of the user's Dockerfile.
 */
class DaemonDeathTest {

    private static final String STEPS = "{\"stream\":\"Step 1/3 : FROM eclipse-temurin:17-jre\"}\n{\"stream\":\"\\n\"}\n"
            + "{\"stream\":\" ---\\u003e 17d107aff0b7\\n\"}\n"
            + "{\"stream\":\"Step 2/3 : RUN sleep 60\"}\n{\"stream\":\"\\n\"}\n"
            + "{\"stream\":\" ---\\u003e Running in 657f1a5b4d22\\n\"}\n";

    private FakeEngine engine;

    @AfterEach
    void stop() throws IOException {
        if (engine != null) {
            engine.stop();
        }
    }

    @Test
    void streamCutOffMidBuildByADaemonThatThenStopsAnsweringIsTheEnvironmentsProblem() throws Exception {
        engine = new FakeEngine(STEPS, false);
        DockerDaemon daemon = DockerJavaDaemon.connect(Optional.of(engine.address()), Map.of());

        assertThatThrownBy(() -> daemon.builds().build(emptyContext(), Set.of("app:1"), false, line -> { }))
                .isInstanceOf(DaemonUnavailableException.class)
                .hasMessage("The Docker daemon at " + engine.address() + " stopped answering while building the image "
                        + "(at Step 2/3 : RUN sleep 60): check that it is running (docker info, systemctl status docker) "
                        + "and run the build again.");
        daemon.close();
    }

    @Test
    void stepKilledWith137ByADaemonShuttingDownIsNotReportedAsTheUsersFailedStep() throws Exception {
        engine = new FakeEngine(STEPS + "{\"errorDetail\":{\"code\":137,\"message\":\"The command '/bin/sh -c sleep 60' returned a "
                + "non-zero code: 137\"},\"error\":\"The command '/bin/sh -c sleep 60' returned a non-zero code: 137\"}\n", true);
        DockerDaemon daemon = DockerJavaDaemon.connect(Optional.of(engine.address()), Map.of());

        assertThatThrownBy(() -> daemon.builds().build(emptyContext(), Set.of("app:1"), false, line -> { }))
                .isInstanceOf(DaemonUnavailableException.class)
                .hasMessageContaining("stopped answering while building the image (at Step 2/3 : RUN sleep 60)");
        daemon.close();
    }

    @Test
    void failedStepOfALiveDaemonIsTheUsersProblem() throws Exception {
        engine = new FakeEngine(STEPS + "{\"stream\":\"no such file\\n\"}\n{\"errorDetail\":{\"code\":3,\"message\":\"The command "
                + "'/bin/sh -c sleep 60' returned a non-zero code: 3\"},\"error\":\"x\"}\n", true);
        engine.keepAnsweringPings = true;
        DockerDaemon daemon = DockerJavaDaemon.connect(Optional.of(engine.address()), Map.of());
        List<String> output = new ArrayList<>();

        assertThatThrownBy(() -> daemon.builds().build(emptyContext(), Set.of("app:1"), false, output::add))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("at Step 2/3 : RUN sleep 60 (exit code 3)")
                .hasMessageContaining("The step printed:\n  no such file");
        assertThat(engine.requests).as("the container the daemon left is removed, and nothing else")
                .contains("DELETE /containers/657f1a5b4d22").noneMatch(r -> r.startsWith("DELETE /images"));
        daemon.close();
    }

    private static InputStream emptyContext() {
        return new ByteArrayInputStream(new byte[1024]);
    }

    /** Answers pings until a build ends; the build gets {@code body} and then, unless {@code complete}, a cut-off stream. */
    private static final class FakeEngine {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final String body;
        private final boolean complete;
        private final List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile boolean keepAnsweringPings;
        private volatile boolean dead;
        private final Thread thread;

        FakeEngine(String body, boolean complete) throws IOException {
            this.body = body;
            this.complete = complete;
            thread = new Thread(this::serve, "fake-engine");
            thread.setDaemon(true);
            thread.start();
        }

        String address() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        void stop() throws IOException {
            server.close();
        }

        private void serve() {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    handle(socket);
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void handle(Socket socket) throws IOException {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                String requestLine = readLine(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                long length = 0;
                boolean chunked = false;
                for (String header = readLine(in); header != null && !header.isEmpty(); header = readLine(in)) {
                    String lower = header.toLowerCase();
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(lower.substring(15).strip());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    }
                }
                skipBody(in, length, chunked);
                String[] parts = requestLine.split(" ");
                String path = parts[1].replaceFirst("^/v[0-9.]+", "").replaceFirst("\\?.*", "");
                requests.add(parts[0] + " " + path);
                if (path.equals("/_ping")) {
                    if (dead) {
                        socket.close();
                        return;
                    }
                    respond(out, "200 OK", "text/plain", "OK");
                } else if (path.equals("/version")) {
                    respond(out, "200 OK", "application/json", "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\"}");
                } else if (path.equals("/build")) {
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    if (complete) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                    dead = !keepAnsweringPings;
                    if (!complete) {
                        socket.close();
                        return;
                    }
                } else {
                    respond(out, path.startsWith("/containers") ? "204 No Content" : "404 Not Found", "application/json", "");
                }
            }
        }

        private static void respond(OutputStream out, String status, String type, String text) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
        }

        private static void skipBody(InputStream in, long length, boolean chunked) throws IOException {
            if (!chunked) {
                in.skipNBytes(length);
                return;
            }
            while (true) {
                String size = readLine(in);
                long chunk = Long.parseLong(size.split(";")[0].strip(), 16);
                in.skipNBytes(chunk);
                readLine(in);
                if (chunk == 0) {
                    return;
                }
            }
        }

        private static String readLine(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    return line.toString().replaceFirst("\r$", "");
                }
                line.append((char) c);
            }
            return line.isEmpty() ? null : line.toString();
        }
    }
}
