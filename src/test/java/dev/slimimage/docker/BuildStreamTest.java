package dev.slimimage.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The classic builder's output as the daemon sent it (recorded from Docker 20.10 under src/test/resources/docker). */
class BuildStreamTest {

    private final List<String> output = new ArrayList<>();

    @Test
    void freshTwoStageBuildCreatesImagesAndContainersButNotTheBaseImages() throws IOException {
        BuildStream stream = replay("classic-two-stages-fresh.jsonl");

        assertThat(stream.error()).isEmpty();
        assertThat(stream.builtImage()).hasValue("4f74d870d308");
        assertThat(stream.stageImages()).containsExactly("62396bd25607", "4f74d870d308");
        assertThat(stream.createdImages()).containsExactly("62396bd25607", "99b1f9d62579", "1f19aeed0002", "412761ff3388",
                "c40f01261049", "195e163472bd", "0005a0e22705", "4f74d870d308")
                .doesNotContain("17d107aff0b7", "9bf61acd53e4");
        assertThat(stream.leftContainers()).as("the daemon removed every intermediate container").isEmpty();
        assertThat(output).contains("Step 1/10 : FROM eclipse-temurin:17-jre AS jlink", " ---> Running in 657f1a5b4d22", "linking")
                .noneMatch(String::isBlank);
    }

    @Test
    void cachedRebuildCreatesNothing() throws IOException {
        BuildStream stream = replay("classic-two-stages-cached.jsonl");

        assertThat(stream.builtImage()).hasValue("4f74d870d308");
        assertThat(stream.stageImages()).containsExactly("62396bd25607", "4f74d870d308");
        assertThat(stream.createdImages()).isEmpty();
    }

    @Test
    void failedStepNamesTheStepItsExitCodeAndWhatItPrintedWithoutColourCodes() throws IOException {
        BuildStream stream = replay("classic-failed-step.jsonl");

        assertThat(stream.builtImage()).isEmpty();
        assertThat(stream.error()).hasValueSatisfying(e -> assertThat(e).contains("returned a non-zero code: 3"));
        assertThat(stream.createdImages()).as("the cached step and the base image are not this build's").isEmpty();
        assertThat(stream.leftContainers()).isEmpty();
        String message = stream.describeFailure(stream.error().orElseThrow());
        assertThat(message).startsWith("The image build failed at Step 3/5 : RUN echo \"builderImage x has no jlink")
                .contains("(exit code 3)")
                .contains("The step printed:\n  builderImage x has no jlink: set <builderImage> to a JDK image")
                .doesNotContain("\u001B");
    }

    // Podman 4.3.1's Docker-compatible API, same Dockerfile as the classic recordings (src/test/resources/docker/podman-*).

    @Test
    void podmanFreshTwoStageBuildKeepsTheStageImagesAndWhatItCreated() throws IOException {
        BuildStream stream = replay("podman-two-stages-fresh.jsonl");

        assertThat(stream.error()).isEmpty();
        assertThat(stream.builtImage()).hasValue("e40406ba49cba4a449f10d5810507fd870bc68b6efb2b660d1034cb8b7fde3cc");
        assertThat(stream.stageImages()).as("the jlink stage's image first, then the final image")
                .containsExactly("cd26b6d97df", "e40406ba49c");
        assertThat(stream.createdImages()).containsExactly("cd26b6d97df", "70ad051ff19", "1cf6b5dec05", "b99635100dc",
                "35eadaf5ced", "6d3e4494f9f", "cf69215e1bd", "e40406ba49c");
        assertThat(stream.leftContainers()).isEmpty();
        assertThat(output).contains("[2/2] STEP 4/8: COPY layers/classes/ /", "linking");
    }

    @Test
    void podmanCachedRebuildCreatesNothingAndStillFindsTheStageImages() throws IOException {
        BuildStream stream = replay("podman-two-stages-cached.jsonl");

        assertThat(stream.builtImage()).hasValueSatisfying(id -> assertThat(ImageIds.same(id, "e40406ba49cb")).isTrue());
        assertThat(stream.stageImages()).containsExactly("cd26b6d97df", "e40406ba49c");
        assertThat(stream.createdImages()).isEmpty();
        assertThat(stream.finalStageSteps()).as("Podman prints no id for FROM, so its steps cannot be told apart").isEmpty();
    }

    @Test
    void podmanSingleStageBuildHasNoStagePrefix() throws IOException {
        BuildStream stream = replay("podman-single-stage.jsonl");

        assertThat(stream.builtImage()).hasValue("f6cbcd0c234496a9e430588585671fd65fc42d83944b22b7c5e40779fe4f1947");
        assertThat(stream.stageImages()).containsExactly("f6cbcd0c234");
        assertThat(stream.createdImages()).containsExactly("4d5ca8a9df6", "c8512b70ad3", "25cb23b5e2c", "f6cbcd0c234");
        assertThat(stream.step()).isEqualTo("STEP 5/5: ENTRYPOINT [\"java\", \"-cp\", \"/app/classes\", \"com.example.Main\"]");
    }

    @Test
    void podmanFailedStepNamesTheStepItsExitStatusAndWhatItPrinted() throws IOException {
        BuildStream stream = replay("podman-failed-step.jsonl");

        assertThat(stream.builtImage()).isEmpty();
        assertThat(stream.error()).hasValueSatisfying(e -> assertThat(e).startsWith("building at STEP \"RUN echo")
                .endsWith("exit status 3"));
        assertThat(stream.createdImages()).as("the step came from the cache").isEmpty();
        String message = stream.describeFailure(stream.error().orElseThrow());
        assertThat(message).startsWith("The image build failed at [1/2] STEP 3/3: RUN echo \"builderImage x has no jlink")
                .contains("(exit code 3)")
                .contains("The step printed:\n  builderImage x has no jlink: set <builderImage> to a JDK image")
                .doesNotContain("linking", "Using cache");
    }

    @Test
    void aContainerTheDaemonDidNotRemoveIsLeftForUsToRemove() {
        BuildStream stream = new BuildStream(output::add);
        stream.text("Step 1/2 : FROM base\n ---> 0123456789ab\nStep 2/2 : RUN sleep 60\n ---> Running in aaaaaaaaaaaa\n");

        assertThat(stream.leftContainers()).containsExactly("aaaaaaaaaaaa");
        assertThat(stream.step()).isEqualTo("Step 2/2 : RUN sleep 60");
    }

    @Test
    void linesSplitAcrossItemsAreJoined() {
        BuildStream stream = new BuildStream(output::add);
        stream.text("Step 1/1 : FROM ba");
        stream.text("se\n ---> 01234567");
        stream.text("89ab\n");
        stream.finish();

        assertThat(output).containsExactly("Step 1/1 : FROM base", " ---> 0123456789ab");
        assertThat(stream.builtImage()).hasValue("0123456789ab");
    }

    @Test
    void aFailedBuildRemovesWhatItCreatedNewestFirstAndSaysWhichStepFailed() throws IOException {
        BuildStream stream = replay("classic-two-stages-fresh.jsonl");
        stream.error("The command '/bin/sh -c x' returned a non-zero code: 2");
        RecordingDaemon daemon = new RecordingDaemon(true);

        assertThatThrownBy(() -> stream.result(null, daemon)).isInstanceOf(ImageBuildException.class)
                .hasMessageStartingWith("The image build failed at Step 10/10").hasMessageContaining("(exit code 2)");
        assertThat(daemon.removed).containsExactly("image 4f74d870d308", "image 0005a0e22705", "image 195e163472bd",
                "image c40f01261049", "image 412761ff3388", "image 1f19aeed0002", "image 99b1f9d62579", "image 62396bd25607");
    }

    @Test
    void aBrokenStreamIsTheDaemonsFailureOrItsDeathAndAGoodOneTheImage() throws Exception {
        IOException cut = new IOException("Connection reset by peer");

        assertThatThrownBy(() -> replay("classic-failed-step.jsonl").result(cut, new RecordingDaemon(true)))
                .isInstanceOf(DaemonRequestException.class).hasMessageContaining("failed while building the image (at Step 3/5");
        RecordingDaemon dead = new RecordingDaemon(false);
        assertThatThrownBy(() -> replay("classic-two-stages-fresh.jsonl").result(cut, dead))
                .isInstanceOf(DaemonUnavailableException.class).hasMessageContaining("stopped answering while building the image");
        assertThat(dead.removed).as("nothing to ask a dead daemon").isEmpty();
        assertThat(replay("classic-two-stages-cached.jsonl").result(null, new RecordingDaemon(true)))
                .isEqualTo(new BuildResult("4f74d870d308", List.of("62396bd25607", "4f74d870d308"), List.of("9bf61acd53e4",
                        "99b1f9d62579", "1f19aeed0002", "412761ff3388", "c40f01261049", "195e163472bd", "0005a0e22705",
                        "4f74d870d308")));
    }

    @Test
    void aLineThatIsNoJsonObjectIsAFailureOfTheStream() {
        BuildStream stream = new BuildStream(output::add);

        assertThatThrownBy(() -> stream.jsonLine("[1]")).isInstanceOf(IOException.class).hasMessageContaining("no JSON object");
        assertThatThrownBy(() -> stream.jsonLine("{\"stream\":")).isInstanceOf(IOException.class);
    }

    private static final class RecordingDaemon implements BuildStream.Daemon {
        private final boolean answers;
        final List<String> removed = new ArrayList<>();

        RecordingDaemon(boolean answers) {
            this.answers = answers;
        }

        @Override
        public boolean answers() {
            return answers;
        }

        @Override
        public DockerException unavailable(String doing, Throwable cause) {
            return DaemonFailures.unavailable("unix:///d.sock", doing, cause);
        }

        @Override
        public DockerException failure(String doing, Throwable cause) {
            return DaemonFailures.failure("unix:///d.sock", answers, doing, cause);
        }

        @Override
        public void removeContainer(String containerId) {
            removed.add("container " + containerId);
        }

        @Override
        public void removeImageIfUnused(String imageId) {
            removed.add("image " + imageId);
        }
    }

    /** Through {@link BuildStream#jsonLine}, the way the daemon's answer is read. */
    private BuildStream replay(String resource) throws IOException {
        BuildStream stream = new BuildStream(output::add);
        try (InputStream in = getClass().getResourceAsStream("/docker/" + resource)) {
            UnixSocketHttp.splitLines(in, stream::jsonLine);
        }
        stream.finish();
        return stream;
    }
}
