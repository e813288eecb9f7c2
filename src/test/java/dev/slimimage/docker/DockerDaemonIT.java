package dev.slimimage.docker;

import dev.slimimage.plan.PullPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon boundary against the real Docker daemon: a failing build step, a daemon that is not there, a base
 * image that is missing. Run by failsafe in {@code mvn verify}; the daemon must be up (scripts/ensure-docker.sh).
 */
class DockerDaemonIT {

    private static final String BASE = "eclipse-temurin:17-jre";
    private static DockerDaemon daemon;

    @TempDir
    Path temp;

    @BeforeAll
    static void connect() throws DockerException {
        daemon = DockerDaemon.connect(Optional.empty());
    }

    @AfterAll
    static void close() {
        daemon.close();
    }

    @Test
    void failedBuildShowsTheFailingStepsOutputAndLeavesNothingBehind() throws Exception {
        // A label unique to this build marks its intermediate containers and images, so that other builds on the
        // same daemon cannot make the check pass or fail.
        String marker = "slim-daemon-it=" + java.util.UUID.randomUUID();
        Path context = contextTar("FROM " + BASE + "\n"
                + "LABEL " + marker + "\n"
                + "COPY marker.txt /marker.txt\n"
                + "RUN echo output-of-the-failing-step && exit 7\n");
        String tag = "slim-it/failing-build:1";

        assertThatThrownBy(() -> daemon.build(context, Set.of(tag), true, line -> {}))
                .isInstanceOf(DockerException.class)
                .satisfies(e -> assertThat(((DockerException) e).isEnvironmental()).isFalse())
                .hasMessageContaining("The image build failed")
                .hasMessageContaining("at Step 4/4 : RUN echo output-of-the-failing-step")
                .hasMessageContaining("(exit code 7)")
                .hasMessageContaining("output-of-the-failing-step");

        assertThat(daemon.inspect(tag)).isEmpty();
        assertThat(docker("ps", "-aq", "--filter", "label=" + marker)).as("containers left behind").isEmpty();
        assertThat(docker("images", "-aq", "--filter", "label=" + marker)).as("images left behind").isEmpty();
    }

    @Test
    void successfulBuildIsDescribedAsTheDaemonSeesIt() throws Exception {
        Path context = contextTar("FROM " + BASE + "\nCOPY marker.txt /marker.txt\n");
        String tag = "slim-it/daemon-it:1";
        List<String> output = new ArrayList<>();
        try {
            BuiltImage built = daemon.build(context, Set.of(tag), false, output::add);
            assertThat(output).anyMatch(l -> l.startsWith("Step 2/2 : COPY marker.txt"));
            assertThat(built.sizeBytes()).isEqualTo(daemon.inspect(tag).orElseThrow().getSize());
            assertThat(built.history().get(0).createdBy()).contains("COPY");
            assertThat(built.history().get(0).sizeBytes()).isEqualTo("marker\n".length());
        } finally {
            docker("rmi", tag);
        }
    }

    @Test
    void unreachableDaemonNamesTheHostAndTheFix() {
        assertThatThrownBy(() -> DockerDaemon.connect(Optional.of("unix:///tmp/slim-no-daemon-here.sock")))
                .isInstanceOf(DockerException.class)
                .satisfies(e -> assertThat(((DockerException) e).isEnvironmental()).isTrue())
                .hasMessageContaining("No Docker daemon answered at unix:///tmp/slim-no-daemon-here.sock")
                .hasMessageContaining("DOCKER_HOST");
    }

    @Test
    void missingImageWithPullNeverNamesTheImageAndHowToProvideIt() {
        assertThatThrownBy(() -> daemon.ensureImage("slim-it/not-here:1", PullPolicy.NEVER, "runtime base image (runtimeImage)", l -> {}))
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("'slim-it/not-here:1'")
                .hasMessageContaining("docker load");
    }

    @Test
    void presentImageIsNotPulledUnderTheDefaultPolicy() throws Exception {
        assertThat(daemon.ensureImage(BASE, PullPolicy.MISSING, "runtime base image", l -> {})).isFalse();
    }

    private Path contextTar(String dockerfile) throws IOException {
        Path tar = temp.resolve("context.tar");
        try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
            add(archive, "Dockerfile", dockerfile);
            add(archive, "marker.txt", "marker\n");
        }
        return tar;
    }

    private static void add(TarArchiveOutputStream archive, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        archive.putArchiveEntry(entry);
        archive.write(bytes);
        archive.closeArchiveEntry();
    }

    private static Set<String> docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return Set.copyOf(out.lines().filter(l -> !l.isBlank()).toList());
    }
}
