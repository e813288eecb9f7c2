package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The quick way to a local daemon against the real Docker daemon at /var/run/docker.sock: it tells the same engine and
 * inspects the same images as docker-java, and opens docker-java's client only for what it does not answer itself.
 */
class UnixSocketDaemonIT {

    private static final String SOCKET = "unix:///var/run/docker.sock";
    private static final String BASE = "eclipse-temurin:17-jre";

    @Test
    void answersLikeDockerJavaWithoutOpeningItUntilAskedForMore() throws Exception {
        DaemonCandidate candidate = new DaemonCandidate(SOCKET, Optional.empty(), "dockerHost (slim.dockerHost)", true);
        DockerDaemon connected = DockerJavaDaemon.connect(Optional.of(SOCKET), Map.of());
        try (DockerDaemon dockerJava = DockerJavaDaemon.open(candidate, Path.of(System.getProperty("user.home"), ".docker"))) {
            assertThat(connected).isInstanceOf(UnixSocketDaemon.class);
            UnixSocketDaemon quick = (UnixSocketDaemon) connected;
            assertThat(quick.choice()).isEqualTo(dockerJava.choice());
            assertThat(quick.answers()).isTrue();

            ImageInfo base = quick.images().inspect(BASE).orElseThrow();
            assertThat(base).isEqualTo(dockerJava.images().inspect(BASE).orElseThrow());
            assertThat(quick.images().inspect(base.id())).isEqualTo(dockerJava.images().inspect(base.id()));
            assertThat(quick.images().inspect("slim-it/noop12-never-built:1")).isEmpty();
            assertThat(quick.opened()).as("inspects and pings need no docker-java").isFalse();

            assertThat(quick.images().history(base.id())).isEqualTo(dockerJava.images().history(base.id()));
            assertThat(quick.opened()).as("nor does the history").isFalse();
            assertThat(quick.images().removeIfUnused(base.id())).as("a tagged image is in use").isFalse();
            assertThat(quick.images().inspect(BASE)).isPresent();
            assertThat(quick.opened()).as("nor removing").isFalse();
        } finally {
            connected.close();
        }
    }
}
