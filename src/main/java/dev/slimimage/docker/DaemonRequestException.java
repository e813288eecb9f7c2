package dev.slimimage.docker;

/** The daemon answers but refused or broke off a request that a healthy daemon grants (tag, history, inspect). */
public final class DaemonRequestException extends DockerException {
    public DaemonRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
