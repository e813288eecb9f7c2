package dev.slimimage.docker;

/** The configured daemon address (dockerHost or DOCKER_HOST) is not one the plugin can use. */
public final class DockerHostException extends DockerException {
    public DockerHostException(String message) {
        super(message, null);
    }
}
