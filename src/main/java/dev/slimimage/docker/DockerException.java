package dev.slimimage.docker;

/** Something on the Docker side went wrong; the message names what and how to fix it. */
public class DockerException extends Exception {

    /** Whether the cause lies with the environment (daemon down) rather than with the user's input. */
    private final boolean environmental;

    public DockerException(String message, boolean environmental, Throwable cause) {
        super(message, cause);
        this.environmental = environmental;
    }

    public boolean isEnvironmental() {
        return environmental;
    }
}
