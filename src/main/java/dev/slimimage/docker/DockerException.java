package dev.slimimage.docker;

/**
 * Something on the Docker side went wrong; the message is one sentence naming what and how to fix it. The subtype
 * says whose problem it is: the user's build ({@link ImageBuildException}, {@link ImageNotAvailableException},
 * {@link DockerHostException}, {@link PushFailedException}) or the environment ({@link DaemonUnavailableException},
 * {@link DaemonRequestException}, {@link RegistryUnreachableException}).
 */
public abstract sealed class DockerException extends Exception
        permits DaemonUnavailableException, DaemonRequestException, DockerHostException, ImageBuildException,
                ImageNotAvailableException, PushFailedException, RegistryUnreachableException {

    protected DockerException(String message, Throwable cause) {
        super(message, cause);
    }
}
