package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daemon boundary against the real Docker daemon: failing and successful builds, a daemon that is not there, an
 * image no registry gives. Run by failsafe in {@code mvn verify}; the daemon must be up (scripts/ensure-docker.sh).
 * Every check looks only at what its own build made, so other builds may share the daemon.
 */
class DockerDaemonIT {

    private static final String BASE = "eclipse-temurin:17-jre";
    private static DockerDaemon daemon;

    @BeforeAll
    static void connect() throws DockerException {
        daemon = DockerConnector.dockerJava().connect(Optional.empty());
    }

    @AfterAll
    static void close() {
        daemon.close();
    }

    @Test
    void failedBuildShowsTheFailingStepAndRemovesOnlyWhatItCreated() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String marker = "slim-daemon-it=" + id;
        // Another client's image, made dangling by that client while our build runs: not ours to remove.
        String victim = "slim-it/daemon-victim-" + id + ":1";
        docker("build", "-q", "-t", victim, "-", "<<", "FROM " + BASE + "\nLABEL victim=" + id + "\n");
        String victimId = docker("image", "inspect", "-f", "{{.Id}}", victim).trim();
        InputStream context = contextTar("FROM " + BASE + "\n"
                + "LABEL " + marker + "\n"
                + "COPY marker.txt /marker.txt\n"
                + "RUN echo output-of-the-failing-step && sleep 4 && exit 7\n");
        CompletableFuture<Void> otherClient = CompletableFuture.runAsync(() -> {
            try {
                awaitRunningContainer(marker);
                docker("tag", BASE, victim);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String tag = "slim-it/failing-build-" + id + ":1";
        List<String> output = new ArrayList<>();

        try {
            assertThatThrownBy(() -> daemon.builds().build(context, Set.of(tag), true, output::add))
                    .isInstanceOf(ImageBuildException.class)
                    .hasMessageContaining("The image build failed")
                    .hasMessageContaining("at Step 4/4 : RUN echo output-of-the-failing-step")
                    .hasMessageContaining("(exit code 7)")
                    .hasMessageContaining("\n  output-of-the-failing-step");
            otherClient.get(30, TimeUnit.SECONDS);

            assertThat(daemon.images().inspect(tag)).isEmpty();
            assertThat(docker("ps", "-aq", "--filter", "label=" + marker)).as("containers left behind").isBlank();
            assertThat(docker("images", "-aq", "--filter", "label=" + marker)).as("images left behind").isBlank();
            assertThat(daemon.images().inspect(victimId)).as("the other client's dangling image").isPresent();
        } finally {
            // The victim's tag now names the base image: untag it, then remove the victim image it left dangling.
            docker("rmi", victim);
            docker("rmi", victimId);
        }
    }

    @Test
    void successfulBuildReportsItsImageAndTheLastImageOfEachStage() throws Exception {
        String tag = "slim-it/daemon-it-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        List<String> output = new ArrayList<>();
        List<String> stageImages = new ArrayList<>();
        try {
            BuildResult result = daemon.builds().build(contextTar("FROM " + BASE + " AS first\nCOPY marker.txt /first.txt\n"
                    + "FROM " + BASE + "\nCOPY --from=first /first.txt /marker.txt\n"), Set.of(tag), false, output::add);

            stageImages.addAll(result.stageImageIds());
            ImageInfo built = daemon.images().inspect(tag).orElseThrow();
            assertThat(built.id()).contains(result.imageId());
            assertThat(result.stageImageIds()).hasSize(2).last().isEqualTo(result.imageId());
            assertThat(output).anyMatch(l -> l.startsWith("Step 4/4 : COPY --from=first"));
            List<BuiltImage.HistoryEntry> history = daemon.images().history(built.id());
            assertThat(history.get(0).createdBy()).contains("COPY");
            assertThat(history.get(0).sizeBytes()).isEqualTo("marker\n".length());
        } finally {
            docker("rmi", tag);
            // The first stage's image is untagged; nothing else uses it.
            stageImages.stream().limit(1).forEach(image -> daemon.images().removeIfUnused(image));
        }
    }

    @Test
    void fileSizesReadsRegularFilesOnlyFromAContainerItRemoves() throws Exception {
        String tag = "slim-it/daemon-it-files-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        String jsa = "/usr/lib/jvm/java-17-openjdk-amd64/lib/server/classes.jsa";
        List<String> stageImages = new ArrayList<>();
        try {
            stageImages.addAll(daemon.builds().build(contextTar("FROM " + BASE + "\nCOPY marker.txt /marker.txt\n"), Set.of(tag), false,
                    line -> { }).stageImageIds());
            long expected = Long.parseLong(docker("run", "--rm", "--entrypoint", "stat", tag, "-c", "%s", jsa).strip());

            Map<String, Long> sizes = daemon.containers().fileSizes(tag, List.of(jsa, "/marker.txt", "/usr", "/no/such/file"));

            assertThat(sizes).containsExactly(Map.entry(jsa, expected), Map.entry("/marker.txt", (long) "marker\n".length()));
            assertThat(docker("ps", "-aq", "--filter", "ancestor=" + tag)).as("containers left behind").isBlank();
        } finally {
            docker("rmi", tag);
        }
    }

    @Test
    void unreachableDaemonNamesTheHostAndTheFix() {
        assertThatThrownBy(() -> DockerConnector.dockerJava().connect(Optional.of("unix:///tmp/slim-no-daemon-here.sock")))
                .isInstanceOf(DaemonUnavailableException.class)
                .hasMessageContaining("No Docker daemon answered at unix:///tmp/slim-no-daemon-here.sock")
                .hasMessageContaining("DOCKER_HOST");
    }

    @Test
    void imageNoRegistryGivesFailsQuietlyWithTheRegistrysReason() {
        PrintStream originalErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(() -> daemon.images().pull("slim-it/not-anywhere:1", line -> { }))
                    .isInstanceOf(ImageNotAvailableException.class)
                    .hasMessageNotContaining("Status 404");
        } finally {
            System.setErr(originalErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).as("docker-java's own error logging").doesNotContain("Error during callback");
    }

    /** Waits until a container built with {@code marker} runs: our build is then inside its RUN step. */
    private static void awaitRunningContainer(String marker) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (!docker("ps", "-q", "--filter", "label=" + marker).isBlank()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the build's RUN step never started");
    }

    private static InputStream contextTar(String dockerfile) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
            add(archive, "Dockerfile", dockerfile);
            add(archive, "marker.txt", "marker\n");
        }
        return new ByteArrayInputStream(out.toByteArray());
    }

    private static void add(TarArchiveOutputStream archive, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        archive.putArchiveEntry(entry);
        archive.write(bytes);
        archive.closeArchiveEntry();
    }

    /** Runs the docker CLI; "<<" followed by a text feeds that text to its standard input. */
    private static String docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker"));
        String stdin = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("<<")) {
                stdin = args[++i];
            } else {
                command.add(args[i]);
            }
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
