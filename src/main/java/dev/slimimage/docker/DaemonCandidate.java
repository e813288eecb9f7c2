package dev.slimimage.docker;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One daemon address the discovery found, and where it came from.
 *
 * @param host the address, {@code unix:///…} or {@code tcp://host:port}
 * @param tlsDirectory the directory with {@code ca.pem}, {@code cert.pem} and {@code key.pem} when the daemon is reached
 *        with TLS (client certificate, server verified), else empty
 * @param source where the address came from, for the log and errors, e.g. {@code DOCKER_HOST} or
 *        {@code the Docker context 'ci' (currentContext in /home/u/.docker/config.json)}
 * @param explicit whether the user named it (dockerHost, DOCKER_HOST, a context): then no other daemon is tried
 */
public record DaemonCandidate(String host, Optional<Path> tlsDirectory, String source, boolean explicit) {

    /** {@code tcp://… with TLS (certificates in /x)} or just the host, for messages. */
    public String describe() {
        return host + tlsDirectory.map(d -> " with TLS (certificates in " + d + ")").orElse("");
    }
}
