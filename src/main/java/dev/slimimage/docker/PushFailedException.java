package dev.slimimage.docker;

/** A push the user can make work: credentials, repository name, trust, or an image that was not built. */
public final class PushFailedException extends DockerException {
    public PushFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
