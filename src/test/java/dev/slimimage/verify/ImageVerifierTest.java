package dev.slimimage.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.docker.DaemonUnavailableException;
import dev.slimimage.docker.ImageNotAvailableException;
import dev.slimimage.docker.StartedContainer;
import dev.slimimage.docker.ContainerSpec;
import dev.slimimage.docker.ImageInfo;
import dev.slimimage.plan.RuntimeKind;
import dev.slimimage.testing.FakeDockerDaemon;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The verifier against a fake daemon: when a container passes, what it removes, and what it leaves alone. */
class ImageVerifierTest {

    private final FakeDockerDaemon daemon = new FakeDockerDaemon();
    private final List<String> log = new ArrayList<>();

    private VerifyPlan plan(Optional<String> output, Duration timeout, Duration runFor) {
        return new VerifyPlan("app:1", Optional.empty(), "/work/app", List.of(), output, Optional.empty(), OptionalInt.empty(),
                timeout, runFor);
    }

    @Test
    void aHealthyContainerPassesWhenRunSecondsExceedTheTimeoutAndNoOutputIsExpected() throws Exception {
        daemon.addImage(1, Map.of(RuntimeKind.RUNTIME_LABEL, "jre"), "app:1");

        VerifyResult result = new ImageVerifier(daemon.connector()).verify(plan(Optional.empty(), Duration.ofMillis(200),
                Duration.ofMillis(700)), log::add);

        assertThat(result.passed()).as(result.summary()).isTrue();
        assertThat(daemon.containers).as("its container is removed").isEmpty();
    }

    @Test
    void expectedOutputThatNeverComesFailsAtTheTimeout() throws Exception {
        daemon.addImage(1, Map.of(), "app:1");
        daemon.containerScript = new FakeDockerDaemon.ContainerScript(Long.MAX_VALUE, 0, "starting\n");

        VerifyResult result = new ImageVerifier(daemon.connector()).verify(plan(Optional.of("Started"), Duration.ofMillis(300),
                Duration.ofSeconds(5)), log::add);

        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).isEqualTo("the container did not print \"Started\" within 0 s");
    }

    @Test
    void containersAnInterruptedRunOfThisProjectLeftAreRemovedAndOtherProjectsAreNot() throws Exception {
        daemon.addImage(1, Map.of(), "app:1");
        StartedContainer ours = daemon.start(new ContainerSpec("app:1", List.of(), Map.of(ImageVerifier.CONTAINER_LABEL, "/work/app"),
                OptionalInt.empty()));
        StartedContainer theirs = daemon.start(new ContainerSpec("other:1", List.of(),
                Map.of(ImageVerifier.CONTAINER_LABEL, "/work/other"), OptionalInt.empty()));
        daemon.containerScript = new FakeDockerDaemon.ContainerScript(0, 0, "");

        new ImageVerifier(daemon.connector()).verify(plan(Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(1)), log::add);

        assertThat(daemon.removedContainers).contains(ours.id()).doesNotContain(theirs.id());
        assertThat(daemon.containers).containsOnlyKeys(theirs.id());
        assertThat(daemon.started.get(2).labels()).containsEntry(ImageVerifier.CONTAINER_LABEL, "/work/app");
        assertThat(log).anyMatch(l -> l.contains("left by an earlier verify run of this project"));
    }

    @Test
    void aMissingImageSaysToBuildItFirst() {
        assertThatThrownBy(() -> new ImageVerifier(daemon.connector()).verify(plan(Optional.empty(), Duration.ofSeconds(1),
                Duration.ofSeconds(1)), log::add))
                .isInstanceOf(ImageNotAvailableException.class)
                .hasMessage("The image app:1 is not on the Docker daemon at fake://daemon: build it first with slim:build (mvn package).");
    }

    @Test
    void aDaemonThatDiesMidVerifyIsTheEnvironmentsProblem() {
        daemon.addImage(1, Map.of(), "app:1");
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(400);
            } catch (InterruptedException e) {
                return;
            }
            daemon.answering = false;
        });
        killer.start();

        assertThatThrownBy(() -> new ImageVerifier(daemon.connector()).verify(plan(Optional.of("never"), Duration.ofSeconds(10),
                Duration.ofSeconds(10)), log::add))
                .isInstanceOf(DaemonUnavailableException.class);
    }

    // --- the port check: an image that EXPOSEs a port must accept a connection there ---------------------------------

    private void exposing(String... ports) {
        String id = daemon.addImage(1, Map.of(), "app:1");
        daemon.images.put(id, new ImageInfo(id, 1, List.of("app:1"), Map.of(), List.of(ports), List.of()));
    }

    private VerifyPlan portPlan(Optional<String> output, OptionalInt port, Duration timeout) {
        return new VerifyPlan("app:1", Optional.empty(), "/work/app", List.of(), output, Optional.empty(), port, timeout,
                Duration.ofMillis(300));
    }

    @Test
    void anExposedPortThatNeverOpensFailsWhenTheContainerExitsZeroNamingThePortAndTheLastLine() throws Exception {
        exposing("8125/udp", "8080/tcp");
        daemon.containerScript = new FakeDockerDaemon.ContainerScript(0, 0, "Usage: app <command>\n  server  runs the server\n\n");

        VerifyResult result = new ImageVerifier(daemon.connector(), (address, hostPort) -> false)
                .verify(portPlan(Optional.empty(), OptionalInt.empty(), Duration.ofSeconds(60)), log::add);

        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).matches("port 8080/tcp never accepted a connection: the container exited with code 0 after "
                + "\\d+\\.\\d s; it last printed \"server  runs the server\"");
        assertThat(result.hints()).anyMatch(h -> h.contains("<verifyArgs>") && h.contains("<verifyPort>0</verifyPort>"));
        assertThat(daemon.started.get(0).publishTcpPort()).hasValue(8080);
        assertThat(log).anyMatch(l -> l.contains("the port it exposes must accept a connection within 60 s"));
    }

    @Test
    void anExposedPortThatDoesNotOpenWithinTheTimeoutFailsWithTheTimeout() throws Exception {
        exposing("8080/tcp");
        daemon.containerScript = new FakeDockerDaemon.ContainerScript(Long.MAX_VALUE, 0, "");

        VerifyResult result = new ImageVerifier(daemon.connector(), (address, hostPort) -> false)
                .verify(portPlan(Optional.empty(), OptionalInt.empty(), Duration.ofSeconds(1)), log::add);

        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).isEqualTo("port 8080/tcp did not accept a connection within 1 s; the container printed nothing");
    }

    @Test
    void anExposedPortThatOpensPassesAndTheConfiguredPortWins() throws Exception {
        exposing("8080/tcp");
        int[] probes = {0};

        VerifyResult result = new ImageVerifier(daemon.connector(), (address, hostPort) -> ++probes[0] >= 3)
                .verify(portPlan(Optional.empty(), OptionalInt.of(9090), Duration.ofSeconds(10)), log::add);

        assertThat(result.passed()).as(result.summary()).isTrue();
        assertThat(probes[0]).isEqualTo(3);
        assertThat(daemon.started.get(0).publishTcpPort()).hasValue(9090);
    }

    @Test
    void expectedOutputOrVerifyPortZeroReplacesThePortCheck() throws Exception {
        exposing("8080/tcp");
        daemon.containerScript = new FakeDockerDaemon.ContainerScript(0, 0, "done\n");
        PortProbe never = (address, hostPort) -> false;

        VerifyResult byOutput = new ImageVerifier(daemon.connector(), never)
                .verify(portPlan(Optional.of("done"), OptionalInt.empty(), Duration.ofSeconds(5)), log::add);
        VerifyResult byExit = new ImageVerifier(daemon.connector(), never)
                .verify(portPlan(Optional.empty(), OptionalInt.of(VerifyPlan.NO_PORT_CHECK), Duration.ofSeconds(5)), log::add);

        assertThat(byOutput.passed()).as(byOutput.summary()).isTrue();
        assertThat(byExit.passed()).as(byExit.summary()).isTrue();
        assertThat(daemon.started).allMatch(spec -> spec.publishTcpPort().isEmpty());
    }

    @Test
    void anImageWithoutATcpPortKeepsTheExitOrRunCheck() throws Exception {
        exposing("8125/udp");
        daemon.containerScript = new FakeDockerDaemon.ContainerScript(0, 0, "usage\n");

        VerifyResult result = new ImageVerifier(daemon.connector(), (address, hostPort) -> false)
                .verify(portPlan(Optional.empty(), OptionalInt.empty(), Duration.ofSeconds(5)), log::add);

        assertThat(result.passed()).as(result.summary()).isTrue();
        assertThat(daemon.started.get(0).publishTcpPort()).isEmpty();
    }

    // --- the startup cache: required while verifying, so that one that does not map fails instead of slowing the start ---

    private void cachedImage(String kind, Map<String, String> env) {
        String id = daemon.addImage(1, Map.of(), "app:1");
        daemon.images.put(id, new ImageInfo(id, 1, List.of("app:1"), Map.of(StartupCacheCheck.LABEL, kind), List.of(), List.of(), env));
    }

    @Test
    void anImageWithAStartupCacheRunsWithItRequiredAndPassesWhenItMaps() throws Exception {
        cachedImage("aot", Map.of("JAVA_TOOL_OPTIONS", "-Dapp.mode=prod"));
        daemon.containerScript = new FakeDockerDaemon.ContainerScript(0, 0, "Picked up JAVA_TOOL_OPTIONS: -Dapp.mode=prod "
                + "-XX:AOTMode=on\nhello\n");

        VerifyResult result = new ImageVerifier(daemon.connector()).verify(plan(Optional.of("hello"), Duration.ofSeconds(5),
                Duration.ofSeconds(5)), log::add);

        assertThat(result.passed()).as(result.summary()).isTrue();
        assertThat(daemon.started.get(0).env()).containsExactly(Map.entry("JAVA_TOOL_OPTIONS", "-Dapp.mode=prod -XX:AOTMode=on"));
        assertThat(log).anyMatch(l -> l.endsWith("; its startup cache /app/startup/app.aot must map (-XX:AOTMode=on in "
                + "JAVA_TOOL_OPTIONS)"));
    }

    @Test
    void aStartupCacheTheJvmRefusesFailsWithItsReasonWhateverTheCheck() throws Exception {
        cachedImage("cds", Map.of());
        daemon.containerScript = new FakeDockerDaemon.ContainerScript(0, 1, StartupCacheRefusalTest.JDK17_JAR_CHANGED);

        VerifyResult result = new ImageVerifier(daemon.connector()).verify(plan(Optional.of("Started"), Duration.ofSeconds(5),
                Duration.ofSeconds(5)), log::add);

        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).startsWith("the JVM could not use the startup cache /app/startup/app.jsa (A jar file is not "
                + "the one used while building the shared archive file: /app/app.jar)");
        assertThat(daemon.started.get(0).env()).containsExactly(Map.entry("JAVA_TOOL_OPTIONS", "-Xshare:on"));
        assertThat(daemon.containers).as("its container is removed").isEmpty();
    }

    @Test
    void anImageWithoutAStartupCacheKeepsItsOwnEnvironment() throws Exception {
        daemon.addImage(1, Map.of(), "app:1");
        daemon.containerScript = new FakeDockerDaemon.ContainerScript(0, 1, StartupCacheRefusalTest.JDK17_JAR_CHANGED);

        VerifyResult result = new ImageVerifier(daemon.connector()).verify(plan(Optional.empty(), Duration.ofSeconds(5),
                Duration.ofSeconds(5)), log::add);

        assertThat(result.summary()).isEqualTo("the container exited with code 1");
        assertThat(daemon.started.get(0).env()).isEmpty();
    }
}
