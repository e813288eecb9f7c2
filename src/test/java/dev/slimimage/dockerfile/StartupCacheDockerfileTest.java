package dev.slimimage.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.analysis.Layer;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.StartupCache;
import dev.slimimage.plan.StartupCachePlanner;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StartupCacheDockerfileTest {

    /** A plan as PlanFactory makes it for a cache: its label set, the class directory packed into jars. */
    static ImagePlan withCache(ImagePlan plan, StartupCache cache) {
        Map<String, String> labels = new TreeMap<>(plan.labels());
        labels.put(StartupCache.LABEL, cache.kind().id());
        return new ImagePlan(StartupCachePlanner.withClassRootPacked(plan.app()), plan.runtime(), plan.builderImage(), plan.runtimeImage(), plan.user(), plan.jvmFlags(),
                plan.ports(), labels, plan.fileTimestamp(), plan.jlink(), List.of("serve"), Optional.empty(), Optional.of(cache));
    }

    private static final StartupCache CDS = new StartupCache(StartupCache.Kind.CDS, 17, List.of("-Dtraining=true"),
            List.of("--warm-up", "--exit"));
    private static final StartupCache AOT = new StartupCache(StartupCache.Kind.AOT, 25, List.of(), List.of("--exit"));

    @Test
    void plainJarWithDynamicAppCdsOnJreMatchesGoldenFile() throws IOException {
        String actual = new DockerfileGenerator().generate(withCache(DockerfileGeneratorTest.plainPlan(), CDS), Optional.empty())
                .render();

        assertThat(actual).isEqualTo(DockerfileGeneratorTest.golden("plain-jre-startup-cache.Dockerfile"));
    }

    @Test
    void plainJarWithAnAotCacheOnALinkedRuntimeMatchesGoldenFile() throws IOException {
        String actual = new DockerfileGenerator().generate(withCache(JlinkDockerfileTest.jlinkPlan(25), AOT),
                Optional.of(JlinkDockerfileTest.modules("en"))).render();

        assertThat(actual).isEqualTo(DockerfileGeneratorTest.golden("plain-jlink-startup-cache.Dockerfile"));
    }

    @Test
    void trainingAndImageBuildOnTheSameApplicationStageAndTheImageAddsOnlyTheArchive() {
        Dockerfile dockerfile = new DockerfileGenerator().generate(withCache(DockerfileGeneratorTest.plainPlan(), CDS),
                Optional.empty());

        assertThat(dockerfile.stages()).extracting(Stage::name).containsExactly("application", "training", null);
        Stage application = dockerfile.stages().get(0);
        Stage training = dockerfile.stages().get(1);
        Stage image = dockerfile.finalStage();
        // Not two stages with equal COPYs: the builder's cache could give each of them the jars with other file times,
        // and the JVM refuses an archive trained on jars whose times differ from the image's.
        assertThat(application.baseImage()).isEqualTo("eclipse-temurin:17-jre");
        assertThat(training.baseImage()).isEqualTo("application");
        assertThat(image.baseImage()).isEqualTo("application");
        assertThat(application.instructions()).extracting(Instruction::layer).contains(Layer.CLASSES);
        assertThat(application.instructions()).contains(new Instruction.Workdir("/work"), new Instruction.User("65532"));
        assertThat(training.instructions()).hasSize(2);
        Instruction run = training.instructions().get(1);
        assertThat(run).isInstanceOf(Instruction.RunExec.class);
        assertThat(((Instruction.RunExec) run).argv()).containsExactly("java", "-XX:ArchiveClassesAtExit=/app/startup/app.jsa",
                "-XX:MaxRAMPercentage=75", "-Dtraining=true", "-cp",
                "/app/classes/resources.jar:/app/classes/classes.jar:/app/lib/guava-33.0.0-jre.jar:/app/lib/acme-util-1.2-SNAPSHOT.jar",
                "com.example.Main", "--warm-up", "--exit");
        assertThat(image.instructions().get(0)).isEqualTo(new Instruction.CopyFromStage(
                StartupCache.LAYER, "training", "/app/startup/app.jsa", "/app/startup/app.jsa"));
        assertThat(image.instructions()).hasSize(2).last().isInstanceOf(Instruction.Labels.class);
        Instruction.Entrypoint entrypoint = application.instructions().stream().filter(i -> i instanceof Instruction.Entrypoint)
                .map(i -> (Instruction.Entrypoint) i).findFirst().orElseThrow();
        assertThat(entrypoint.argv()).containsSubsequence("-XX:MaxRAMPercentage=75", "-XX:SharedArchiveFile=/app/startup/app.jsa",
                "-cp");
        assertThat(dockerfile.render()).contains("dev.slimimage.startup-cache=\"cds\"");
    }

    @Test
    void withoutACacheThereIsNoTrainingStage() {
        Dockerfile dockerfile = new DockerfileGenerator().generate(DockerfileGeneratorTest.plainPlan(), Optional.empty());

        assertThat(dockerfile.stages()).hasSize(1);
        assertThat(dockerfile.render()).doesNotContain("training").doesNotContain("startup");
    }
}
