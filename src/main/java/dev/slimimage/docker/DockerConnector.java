package dev.slimimage.docker;

import java.util.Optional;

/** Opens a {@link DockerDaemon}; an interface so that the pipeline can be tested against a fake daemon. */
@FunctionalInterface
public interface DockerConnector {

    /**
     * @param dockerHost the user's explicit address; empty for DOCKER_HOST, the Docker context or the default socket
     * @throws DockerHostException when the address is malformed
     * @throws DaemonUnavailableException when nothing answers there
     */
    DockerDaemon connect(Optional<String> dockerHost) throws DockerException;

    /** The real daemon through docker-java. */
    static DockerConnector dockerJava() {
        return host -> DockerJavaDaemon.connect(host, System.getenv());
    }
}
