package dev.slimimage.docker;

/** A step of the Dockerfile failed; the message names the step, its exit code and what it printed. */
public final class ImageBuildException extends DockerException {
    public ImageBuildException(String message) {
        super(message, null);
    }
}
