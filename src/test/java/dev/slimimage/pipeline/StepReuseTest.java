package dev.slimimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.docker.BuildResult;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.dockerfile.Instruction;
import dev.slimimage.dockerfile.Stage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When a rebuild may start from the last build's step image, from which one, and what it then sends. */
class StepReuseTest {

    private static final Stage JLINK = new Stage("jlink", "eclipse-temurin:17-jdk", List.of(new Instruction.Run("jlink …")));
    private static final List<Instruction> IMAGE_STEPS = List.of(
            new Instruction.CopyFromStage("java-runtime", "jlink", "/opt/slim-java", "/opt/java"),
            new Instruction.CopyOwned("workdir", "layers/workdir", "65532"),
            new Instruction.Workdir("/work"),
            new Instruction.Entrypoint(List.of("java", "-cp", "/app/classes:/app/lib/*", "com.example.Main")),
            new Instruction.CopyLayer("dependencies", "layers/dependencies"),
            new Instruction.CopyLayer("resources", "layers/resources"),
            new Instruction.CopyLayer("classes", "layers/classes"),
            new Instruction.Labels(Map.of("org.opencontainers.image.title", "app")));
    private static final Dockerfile DOCKERFILE = new Dockerfile("test", List.of(JLINK,
            new Stage(null, "gcr.io/distroless/cc-debian12", IMAGE_STEPS)));
    /** The base image's id, then the image after each of the 8 steps. */
    private static final List<String> STEPS = List.of("base", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8");
    private static final Map<String, String> LAYERS = Map.of("dependencies", "d1", "resources", "r1", "classes", "c1");

    private static BuildInputs.Fingerprint now(Map<String, String> layers) {
        return new BuildInputs.Fingerprint("whole", "outside", layers, "plugin");
    }

    private static LastBuild.Steps lastBuild(Dockerfile dockerfile) {
        return StepReuse.record(dockerfile, now(LAYERS), new BuildResult("s8", List.of("linked", "s8"), STEPS)).orElseThrow();
    }

    @Test
    void aChangedClassStartsFromTheImageBeforeTheClassesStepAndSendsOnlyThatLayer() {
        StepReuse reuse = StepReuse.of(DOCKERFILE, now(Map.of("dependencies", "d1", "resources", "r1", "classes", "c2")),
                lastBuild(DOCKERFILE)).orElseThrow();

        assertThat(reuse.firstStep()).isEqualTo(6);
        assertThat(reuse.fromImage()).isEqualTo("s6");
        assertThat(reuse.layerDirectories()).containsExactly("layers/classes");
        assertThat(reuse.dockerfile("sha256:full")).isEqualTo("FROM sha256:full\nCOPY layers/classes/ /\n"
                + "LABEL org.opencontainers.image.title=\"app\"\n");
        BuildResult completed = reuse.completed(new BuildResult("n8", List.of("n8"), List.of("s6", "n7", "n8")));
        assertThat(completed).as("as if the whole Dockerfile had been built: the linked runtime's stage is still the last one's")
                .isEqualTo(new BuildResult("n8", List.of("linked", "n8"), List.of("base", "s1", "s2", "s3", "s4", "s5", "s6", "n7", "n8")));
    }

    @Test
    void aChangedDependencyStartsBeforeItsStepAndSendsEveryLayerFromThere() {
        StepReuse reuse = StepReuse.of(DOCKERFILE, now(Map.of("dependencies", "d2", "resources", "r1", "classes", "c2")),
                lastBuild(DOCKERFILE)).orElseThrow();

        assertThat(reuse.fromImage()).isEqualTo("s4");
        assertThat(reuse.layerDirectories()).containsExactly("layers/dependencies", "layers/resources", "layers/classes");
    }

    @Test
    void nothingIsReusedWhenAnythingButTheLayersFilesChangedOrNoLayerDid() {
        Map<String, String> changedClasses = Map.of("dependencies", "d1", "resources", "r1", "classes", "c2");
        Dockerfile otherEntrypoint = new Dockerfile("test", List.of(JLINK, new Stage(null, "gcr.io/distroless/cc-debian12",
                IMAGE_STEPS.stream().map(i -> i instanceof Instruction.Entrypoint
                        ? new Instruction.Entrypoint(List.of("java", "-Xmx1g", "-cp", "/app/classes", "com.example.Main")) : i).toList())));

        assertThat(StepReuse.of(otherEntrypoint, now(changedClasses), lastBuild(DOCKERFILE))).as("another Dockerfile").isEmpty();
        assertThat(StepReuse.of(DOCKERFILE, new BuildInputs.Fingerprint("whole", "other base image", changedClasses, "plugin"),
                lastBuild(DOCKERFILE))).as("another base image, plan or plugin").isEmpty();
        assertThat(StepReuse.of(DOCKERFILE, now(LAYERS), lastBuild(DOCKERFILE))).as("no layer changed").isEmpty();
    }

    @Test
    void aStageThatReadsTheContextBeforeTheImageMeansBuildingEverything() {
        Stage application = new Stage("application", "eclipse-temurin:17-jre", IMAGE_STEPS.subList(1, 7));
        Stage training = new Stage("training", "application", List.of(new Instruction.RunExec(List.of("java", "-XX:ArchiveClassesAtExit=app.jsa"))));
        Stage image = new Stage(null, "application", List.of(
                new Instruction.CopyFromStage("cache", "training", "/app.jsa", "/app.jsa")));
        Dockerfile startupCache = new Dockerfile("test", List.of(application, training, image));
        LastBuild.Steps last = StepReuse.record(startupCache, now(LAYERS),
                new BuildResult("i", List.of("a", "t", "i"), List.of("a", "i"))).orElseThrow();

        assertThat(StepReuse.of(startupCache, now(Map.of("dependencies", "d1", "resources", "r1", "classes", "c2")), last)).isEmpty();
    }

    @Test
    void aBuildWhoseStepsTheDaemonDidNotNameAllIsNotRecorded() {
        assertThat(StepReuse.record(DOCKERFILE, now(LAYERS), new BuildResult("s8", List.of("linked", "s8"), List.of()))).isEmpty();
        assertThat(StepReuse.record(DOCKERFILE, now(LAYERS), new BuildResult("s8", List.of("linked", "s8"), STEPS.subList(1, 9))))
                .isEmpty();
    }
}
