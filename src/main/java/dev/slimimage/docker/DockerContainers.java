package dev.slimimage.docker;

import java.util.List;

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
}
