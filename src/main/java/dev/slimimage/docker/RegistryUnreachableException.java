package dev.slimimage.docker;

/** The daemon could not reach the registry at all (nothing listens, no route, timeout): the environment's problem. */
public final class RegistryUnreachableException extends DockerException {
    public RegistryUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
