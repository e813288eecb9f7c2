package dev.slimimage.docker;

/** No daemon answers at the chosen host, or it stopped answering while we used it. */
public final class DaemonUnavailableException extends DockerException {
    public DaemonUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
