package dev.slimimage.docker;

import java.util.List;
import java.util.Map;

/** Containers, for running a built image once. */
public interface DockerContainers {

    /** Creates and starts a container; when the spec names a port, it is published on a random loopback port. */
    StartedContainer start(ContainerSpec spec) throws DockerException;

    ContainerState state(String containerId) throws DockerException;

    /** Everything the container wrote to stdout and stderr so far, interleaved as it came. */
    String logs(String containerId) throws DockerException;

    /** Removes the container, running or not; a missing one is fine. */
    void remove(String containerId) throws DockerException;

    /** Ids of all containers, running or not, that carry the label {@code key=value}. */
    List<String> withLabel(String key, String value) throws DockerException;

    /**
     * The sizes of files in an image, by path, read from a container created from it (never started) that is removed
     * afterwards. A path that is not a regular file in the image is left out.
     */
    Map<String, Long> fileSizes(String image, List<String> paths) throws DockerException;
}
