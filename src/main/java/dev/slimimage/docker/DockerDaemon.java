package dev.slimimage.docker;

/**
 * One connection to a Docker daemon, split by facet. Nothing outside this package sees docker-java: the facets take
 * and return this package's records and throw its {@link DockerException}s. Close it when done.
 */
public interface DockerDaemon extends AutoCloseable {

    /** The address it talks to, e.g. {@code unix:///var/run/docker.sock}, for messages. */
    String host();

    DockerImages images();

    ImageBuilds builds();

    DockerContainers containers();

    /** Pushing to registries. */
    DockerRegistry registry();

    /** Whether the daemon answers a ping right now; used to tell a dead daemon from a failed request. */
    boolean answers();

    @Override
    void close();
}
