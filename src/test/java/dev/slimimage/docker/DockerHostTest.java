package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Malformed daemon addresses are refused before docker-java sees them (it throws NullPointerException and worse). */
class DockerHostTest {

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "unix://", "tcp://:2375", "tcp://host:", "tcp://host:0", "tcp://host:99999", "npipe:////./pipe/docker_engine",
            "http://localhost:2375"})
    void malformedAddressNamesTheValueAndTheAcceptedForms(String value) {
        assertThatThrownBy(() -> DockerHost.checked(value, "dockerHost (slim.dockerHost)"))
                .isInstanceOf(DockerHostException.class)
                .hasMessageStartingWith("dockerHost (slim.dockerHost) '" + value + "' is not a Docker daemon address (")
                .hasMessageEndingWith("use unix:///path/to/docker.sock or tcp://host:port.");
    }

    @Test
    void sshIsRefusedWithAWayToReachTheDaemonAnyway() {
        assertThatThrownBy(() -> DockerHost.checked("ssh://me@build-host", "DOCKER_HOST"))
                .isInstanceOf(DockerHostException.class)
                .hasMessageContaining("DOCKER_HOST 'ssh://me@build-host' uses ssh://")
                .hasMessageContaining("ssh -NL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix:///var/run/docker.sock", "tcp://127.0.0.1:2376", "tcp://docker.example:2375", " unix:///run/user/1000/docker.sock ",
            "tcp://docker.example"})
    void wellFormedAddressesPass(String value) throws DockerHostException {
        assertThat(DockerHost.checked(value, "dockerHost")).isEqualTo(value.strip());
    }

    @Test
    void aTcpAddressWithoutAPortGetsTheDockerCliDefaultForItsTls() {
        assertThat(DockerHost.withDefaultPort("tcp://docker.example", false)).isEqualTo("tcp://docker.example:2375");
        assertThat(DockerHost.withDefaultPort("tcp://docker.example", true)).isEqualTo("tcp://docker.example:2376");
        assertThat(DockerHost.withDefaultPort("tcp://[::1]", false)).isEqualTo("tcp://[::1]:2375");
        assertThat(DockerHost.withDefaultPort("tcp://docker.example:23760", true)).isEqualTo("tcp://docker.example:23760");
        assertThat(DockerHost.withDefaultPort("unix:///var/run/docker.sock", true)).isEqualTo("unix:///var/run/docker.sock");
    }

    @Test
    void connectingChecksTheExplicitAddressAndThenDockerHost() {
        assertThatThrownBy(() -> DockerJavaDaemon.connect(Optional.of("tcp://:2375"), Map.of()))
                .isInstanceOf(DockerHostException.class).hasMessageContaining("'tcp://:2375'");
        assertThatThrownBy(() -> DockerJavaDaemon.connect(Optional.empty(), Map.of("DOCKER_HOST", "garbage")))
                .isInstanceOf(DockerHostException.class).hasMessageStartingWith("DOCKER_HOST 'garbage'");
    }
}
