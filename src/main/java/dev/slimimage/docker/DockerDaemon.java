package dev.slimimage.docker;

/**
 * One connection to a Docker daemon, split by facet. Nothing outside this package sees docker-java: the facets take
 * and return this package's records and throw its {@link DockerException}s. Close it when done.
 */
public interface DockerDaemon extends AutoCloseable {

    /** The address it talks to, e.g. {@code unix:///var/run/docker.sock}, for messages. */
    String host();

    /** Docker or Podman, its version, local or remote: for the log and the report. */
    DaemonEngine engine();

    /** Why this daemon: where its address came from, e.g. {@code DOCKER_HOST with DOCKER_TLS_VERIFY}, for the log. */
    String chosenBecause();

    /**
     * The line build, verify and push log first: which daemon, and why, e.g. {@code Docker daemon: Podman 4.3.1 (API
     * 1.41, local) at unix:///run/podman/podman.sock, chosen by DOCKER_HOST}.
     */
    default String choice() {
        return "Docker daemon: " + engine().describe() + ", chosen by " + chosenBecause();
    }

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
