package dev.slimimage.docker;

/** An image the build needs is not on the daemon and could not be pulled. */
public final class ImageNotAvailableException extends DockerException {
    public ImageNotAvailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
