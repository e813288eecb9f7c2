package dev.slimimage.docker;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * HTTP/1.1 requests to a daemon's unix socket with the JDK alone: docker-java's client takes seconds to start in a fresh
 * JVM, while a build on an unchanged base asks a few small questions and sends one tar. One connection per request
 * ({@code Connection: close}), so the answer ends where the stream does; chunked answers are decoded.
 */
final class UnixSocketHttp {

    /** More than any inspect, history or version answer; a longer one is not read to the end. */
    static final int MAX_ANSWER_BYTES = 16 << 20;

    /**
     * The size of one chunk of a streamed request body. The daemon reads what the socket holds; small chunks (docker-java
     * sends 2 kB ones) made sending a 24 MB context take a second instead of a tenth of one.
     */
    static final int CHUNK_BYTES = 256 * 1024;

    /** Takes a streamed answer a line at a time; what it cannot read fails the request. */
    @FunctionalInterface
    interface LineReader {
        void accept(String line) throws IOException;
    }

    /** An answer: the HTTP status and the body as text. */
    record Answer(int status, String body) {}

    private final Path socket;

    UnixSocketHttp(Path socket) {
        this.socket = socket;
    }

    /** The socket of a {@code unix:///path} address. */
    static Path socketOf(String host) {
        return Path.of(host.substring("unix://".length()));
    }

    /** @param path the request path, e.g. {@code /_ping}; only characters that need no encoding */
    Answer get(String path) throws IOException {
        return request("GET", path);
    }

    /** A request without a body, e.g. {@code DELETE /images/{id}}; the path's query already encoded. */
    Answer request(String method, String path) throws IOException {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            writeFully(channel, ByteBuffer.wrap(head(method, path, "Content-Length: 0\r\n")));
            return read(new BufferedInputStream(Channels.newInputStream(channel), 65536), method + " " + path);
        }
    }

    /**
     * POSTs {@code body} in chunks as it is read, then hands the answer's body to {@code lines} a line at a time as it
     * arrives (a build's progress), when the status is 200. Any other status comes back with its body as text. A daemon
     * that answers before it has read the whole body (a refused request) is heard out rather than reported as a broken
     * pipe. A failure to read {@code body} is thrown as it is.
     */
    Answer post(String path, String contentType, InputStream body, LineReader lines, Duration limit) throws IOException {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "slim-daemon-request-limit");
            thread.setDaemon(true);
            return thread;
        });
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            // A blocking channel has no read timeout: past the limit, closing it ends whatever read or write waits.
            watchdog.schedule(() -> {
                expired.set(true);
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // Closing is all there is to do.
                }
            }, limit.toMillis(), TimeUnit.MILLISECONDS);
            return post(channel, path, contentType, body, lines);
        } catch (IOException e) {
            if (expired.get()) {
                throw new IOException("no end of POST " + path.replaceAll("\\?.*", "") + " within " + describe(limit), e);
            }
            throw e;
        } finally {
            watchdog.shutdownNow();
        }
    }

    private static String describe(Duration limit) {
        return limit.toMinutes() >= 1 ? limit.toMinutes() + " minutes" : limit.toMillis() + " ms";
    }

    private Answer post(SocketChannel channel, String path, String contentType, InputStream body, LineReader lines)
            throws IOException {
        writeFully(channel, ByteBuffer.wrap(head("POST", path, "Content-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n")));
        IOException sendFailure = null;
        byte[] chunk = new byte[CHUNK_BYTES];
        while (true) {
            int n = body.readNBytes(chunk, 0, chunk.length);
            try {
                ByteBuffer size = ByteBuffer.wrap((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                ByteBuffer end = ByteBuffer.wrap(n == 0 ? "\r\n".getBytes(StandardCharsets.US_ASCII) : CRLF);
                writeFully(channel, size, ByteBuffer.wrap(chunk, 0, n), end);
            } catch (IOException e) {
                sendFailure = e;
                break;
            }
            if (n == 0) {
                break;
            }
        }
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 65536);
        Head head;
        try {
            head = Head.read(in);
        } catch (IOException e) {
            if (sendFailure != null) {
                sendFailure.addSuppressed(e);
                throw sendFailure;
            }
            throw e;
        }
        InputStream answer = head.body(in);
        if (head.status() != 200) {
            return new Answer(head.status(), new String(readBounded(answer, "POST " + path), StandardCharsets.UTF_8));
        }
        splitLines(answer, lines);
        return new Answer(200, "");
    }

    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

    private static byte[] head(String method, String path, String headers) {
        return (method + " " + path + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: slim-maven-plugin\r\n" + headers
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeFully(SocketChannel channel, ByteBuffer... buffers) throws IOException {
        long left = 0;
        for (ByteBuffer buffer : buffers) {
            left += buffer.remaining();
        }
        while (left > 0) {
            left -= channel.write(buffers);
        }
    }

    /** Passes each {@code \n}-terminated line (and a last one without) to {@code lines}, decoded as UTF-8. */
    static void splitLines(InputStream in, LineReader lines) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            int start = 0;
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    line.write(buffer, start, i - start);
                    lines.accept(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                    start = i + 1;
                }
            }
            line.write(buffer, start, n - start);
        }
        if (line.size() > 0) {
            lines.accept(line.toString(StandardCharsets.UTF_8));
        }
    }

    /** Splits an HTTP/1.1 answer read to its end into status and body, decoding a chunked body. */
    static Answer parse(byte[] raw) throws IOException {
        return read(new ByteArrayInputStream(raw), "the request");
    }

    private static Answer read(InputStream in, String request) throws IOException {
        Head head = Head.read(in);
        return new Answer(head.status(), new String(readBounded(head.body(in), request), StandardCharsets.UTF_8));
    }

    private static byte[] readBounded(InputStream body, String request) throws IOException {
        byte[] bytes = body.readNBytes(MAX_ANSWER_BYTES + 1);
        if (bytes.length > MAX_ANSWER_BYTES) {
            throw new IOException("the answer to " + request + " is longer than " + MAX_ANSWER_BYTES + " bytes");
        }
        return bytes;
    }

    /** An answer's status line and the headers that say where its body ends. */
    private record Head(int status, boolean chunked, long length) {

        static Head read(InputStream in) throws IOException {
            String statusText = line(in, "the daemon's answer has no end of headers");
            String[] statusLine = statusText.split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IOException("the daemon's answer is no HTTP/1.x answer: " + statusText);
            }
            int status;
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (NumberFormatException e) {
                throw new IOException("the daemon's answer has no status: " + statusText, e);
            }
            boolean chunked = false;
            long length = -1;
            String header;
            while (!(header = line(in, "the daemon's answer has no end of headers")).isEmpty()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).strip();
                if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                } else if (name.equals("content-length")) {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IOException("the daemon's answer has a bad Content-Length: " + value, e);
                    }
                }
            }
            return new Head(status, chunked, length);
        }

        /** The body that follows this head in {@code in}: decoded when chunked, cut at its length when one is given. */
        InputStream body(InputStream in) {
            if (chunked) {
                return new ChunkedBody(in);
            }
            return length >= 0 ? new LengthBody(in, length) : in;
        }
    }

    /** A CRLF-terminated line of ASCII; {@code endMessage} when the stream ends before the CRLF. */
    private static String line(InputStream in, String endMessage) throws IOException {
        StringBuilder text = new StringBuilder();
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0) {
            if (previous == '\r' && b == '\n') {
                text.setLength(text.length() - 1);
                return text.toString();
            }
            text.append((char) b);
            previous = b;
        }
        throw new IOException(endMessage);
    }

    /** A body read in blocks; a single byte is a block of one. */
    private abstract static class BodyStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }
    }

    /** A body of a stated length; ending before it is a failure. */
    private static final class LengthBody extends BodyStream {
        private final InputStream in;
        private final long length;
        private long left;

        LengthBody(InputStream in, long length) {
            this.in = in;
            this.length = length;
            this.left = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("the daemon's answer ended after " + (length - left) + " of " + length + " bytes");
            }
            left -= n;
            return n;
        }
    }

    /** A chunked body, decoded; the last (empty) chunk ends it, and what follows it is not read. */
    private static final class ChunkedBody extends BodyStream {
        private final InputStream in;
        private long leftInChunk;
        private boolean ended;

        ChunkedBody(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            if (leftInChunk == 0) {
                String sizeText = line(in, "the daemon's chunked answer ended inside a chunk header");
                int extension = sizeText.indexOf(';');
                try {
                    leftInChunk = Long.parseLong((extension < 0 ? sizeText : sizeText.substring(0, extension)).strip(), 16);
                } catch (NumberFormatException e) {
                    throw new IOException("the daemon's chunked answer has a bad chunk size: " + sizeText, e);
                }
                if (leftInChunk <= 0) {
                    ended = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, leftInChunk));
            if (n < 0) {
                throw new IOException("the daemon's chunked answer ended inside a chunk");
            }
            leftInChunk -= n;
            if (leftInChunk == 0 && (in.read() != '\r' | in.read() != '\n')) {
                throw new IOException("the daemon's chunked answer ended inside a chunk");
            }
            return n;
        }
    }
}
