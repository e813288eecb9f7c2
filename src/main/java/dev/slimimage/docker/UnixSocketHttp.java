package dev.slimimage.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * GET requests to a daemon's unix socket with the JDK alone: docker-java's client takes seconds to start in a fresh
 * JVM, while the up-to-date check only asks a few small questions. One connection per request ({@code Connection:
 * close}), so the answer ends where the stream does; chunked answers are decoded.
 */
final class UnixSocketHttp {

    /** More than any inspect or version answer; a longer one is not read to the end. */
    static final int MAX_ANSWER_BYTES = 16 << 20;

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
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: slim-maven-plugin\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream(8192);
            ByteBuffer in = ByteBuffer.allocate(65536);
            while (channel.read(in) >= 0) {
                raw.write(in.array(), 0, in.position());
                in.clear();
                if (raw.size() > MAX_ANSWER_BYTES) {
                    throw new IOException("the answer to GET " + path + " is longer than " + MAX_ANSWER_BYTES + " bytes");
                }
            }
            return parse(raw.toByteArray());
        }
    }

    /** Splits an HTTP/1.1 answer read to its end into status and body, decoding a chunked body. */
    static Answer parse(byte[] raw) throws IOException {
        int headerEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headerEnd < 0) {
            throw new IOException("the daemon's answer has no end of headers");
        }
        String[] headers = new String(raw, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = headers[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("the daemon's answer is no HTTP/1.x answer: " + headers[0]);
        }
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new IOException("the daemon's answer has no status: " + headers[0], e);
        }
        boolean chunked = false;
        long length = -1;
        for (int i = 1; i < headers.length; i++) {
            int colon = headers[i].indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = headers[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = headers[i].substring(colon + 1).strip();
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
        int bodyStart = headerEnd + 4;
        byte[] body;
        if (chunked) {
            body = dechunk(raw, bodyStart);
        } else if (length >= 0) {
            if (raw.length - bodyStart < length) {
                throw new IOException("the daemon's answer ended after " + (raw.length - bodyStart) + " of " + length + " bytes");
            }
            body = java.util.Arrays.copyOfRange(raw, bodyStart, bodyStart + (int) length);
        } else {
            body = java.util.Arrays.copyOfRange(raw, bodyStart, raw.length);
        }
        return new Answer(status, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] raw, int from) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = from;
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        while (true) {
            int lineEnd = indexOf(raw, crlf, at);
            if (lineEnd < 0) {
                throw new IOException("the daemon's chunked answer ended inside a chunk header");
            }
            String sizeText = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
            int extension = sizeText.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((extension < 0 ? sizeText : sizeText.substring(0, extension)).strip(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("the daemon's chunked answer has a bad chunk size: " + sizeText, e);
            }
            if (size == 0) {
                return body.toByteArray();
            }
            int dataStart = lineEnd + 2;
            if (size < 0 || raw.length - dataStart < size) {
                throw new IOException("the daemon's chunked answer ended inside a chunk");
            }
            body.write(raw, dataStart, size);
            at = dataStart + size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
