package dev.slimimage.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.AppLayout;
import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.Layer;
import dev.slimimage.docker.BuiltImage;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.dockerfile.DockerfileGenerator;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.dockerfile.Instruction;
import dev.slimimage.plan.RuntimeKind;
import dev.slimimage.modules.ModuleChoice;
import dev.slimimage.modules.ModuleSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The size report of an image on a linked runtime: the runtime layer comes from the jlink stage. */
class ReportBuilderJlinkTest {

    private static final long BASE_1 = 2_000_000;
    private static final long BASE_2 = 21_000_000;
    private static final long JAVA_RUNTIME = 48_500_000;
    private static final long DEPENDENCIES = 9_000_000;
    private static final long SNAPSHOTS = 300_000;
    private static final long RESOURCES = 7_000;
    private static final long CLASSES = 55_000;
    private static final long IMAGE = BASE_1 + BASE_2 + JAVA_RUNTIME + DEPENDENCIES + SNAPSHOTS + RESOURCES + CLASSES;

    private static final ModuleSet MODULES = new ModuleSet(
            List.of(new ModuleChoice("java.base", List.of("the Java runtime itself")),
                    new ModuleChoice("java.sql", List.of("used by the application's classes"))),
            "jdeps 17", "en",
            List.of(new ModuleChoice("java.desktop", List.of("used by acme-charts-1.0.jar"))));

    private static Layer layer(String name, String path) {
        // Staged sizes deliberately differ from the daemon's, so the test sees which were used.
        return new Layer(name, List.of(new ImageFile(path, new FileSource.OnDisk(Path.of("/nowhere"), 1))));
    }

    private static ImagePlan plan() {
        AppAnalysis app = new AppAnalysis(AppLayout.PLAIN_JAR, "com.example.Main",
                List.of("-cp", "/app/classes:/app/lib/*", "com.example.Main"), 17, "project configuration",
                List.of(layer(Layer.DEPENDENCIES, "/app/lib/a.jar"),
                        layer(Layer.SNAPSHOT_DEPENDENCIES, "/app/lib/b-1.0-SNAPSHOT.jar"),
                        layer(Layer.RESOURCES, "/app/classes/app.properties"),
                        layer(Layer.CLASSES, "/app/classes/com/example/Main.class")),
                List.of(Path.of("/nowhere/app.jar")));
        return new ImagePlan(app, RuntimeKind.JLINK, "eclipse-temurin:17-jdk", "gcr.io/distroless/cc-debian12", "65532",
                List.of(), List.of(), Map.of("org.opencontainers.image.title", "app"), Instant.parse("2024-01-01T00:00:00Z"), ImagePlan.JlinkOptions.DEFAULTS);
    }

    /** The classic builder's history, newest first: one entry per final-stage instruction over the base image's two. */
    private static List<BuiltImage.HistoryEntry> history(Dockerfile dockerfile) {
        Map<String, Long> sizes = Map.of(DockerfileGenerator.JAVA_RUNTIME_LAYER, JAVA_RUNTIME, Layer.DEPENDENCIES, DEPENDENCIES,
                Layer.SNAPSHOT_DEPENDENCIES, SNAPSHOTS, Layer.RESOURCES, RESOURCES, Layer.CLASSES, CLASSES);
        List<BuiltImage.HistoryEntry> oldestFirst = new ArrayList<>();
        oldestFirst.add(new BuiltImage.HistoryEntry("bazel build ...", BASE_1));
        oldestFirst.add(new BuiltImage.HistoryEntry("bazel build ...", BASE_2));
        int n = 0;
        for (Instruction instruction : dockerfile.finalStage().instructions()) {
            if (instruction.layer() != null) {
                String target = instruction instanceof Instruction.CopyFromStage ? "/opt/java" : "/";
                oldestFirst.add(new BuiltImage.HistoryEntry("/bin/sh -c #(nop) COPY dir:" + (++n) + "f3a in " + target + " ",
                        sizes.getOrDefault(instruction.layer(), 0L)));
            } else {
                oldestFirst.add(new BuiltImage.HistoryEntry("/bin/sh -c #(nop)  " + instruction.render(), 0));
            }
        }
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    private static SizeReport report() {
        ImagePlan plan = plan();
        Dockerfile dockerfile = new DockerfileGenerator().generate(plan, Optional.of(MODULES));
        BuiltImage built = new BuiltImage("sha256:feed", IMAGE, history(dockerfile), List.of(), List.of(),
                ReportFixtures.ENGINE);
        return new ReportBuilder().build("app:1", plan, dockerfile, Optional.of(MODULES), built,
                OptionalLong.of(400_000_000), 9_500_000);
    }

    @Test
    void linkedRuntimeIsItsOwnLayerSizedByTheDaemon() {
        assertThat(report().layers()).extracting(SizeReport.LayerSize::name, SizeReport.LayerSize::bytes).containsExactly(
                tuple("base image gcr.io/distroless/cc-debian12", BASE_1 + BASE_2),
                tuple(DockerfileGenerator.JAVA_RUNTIME_LAYER, JAVA_RUNTIME),
                tuple(Layer.DEPENDENCIES, DEPENDENCIES),
                tuple(Layer.SNAPSHOT_DEPENDENCIES, SNAPSHOTS),
                tuple(Layer.RESOURCES, RESOURCES),
                tuple(Layer.CLASSES, CLASSES));
    }

    @Test
    void runtimeIsTheBaseImagePlusTheLinkedJavaAndTheRestSplitsIntoDependenciesAndApplication() {
        SizeReport report = report();

        assertThat(report.runtimeBytes()).isEqualTo(BASE_1 + BASE_2 + JAVA_RUNTIME);
        assertThat(report.dependenciesBytes()).isEqualTo(DEPENDENCIES + SNAPSHOTS);
        assertThat(report.applicationBytes()).isEqualTo(RESOURCES + CLASSES);
        assertThat(report.runtimeBytes() + report.dependenciesBytes() + report.applicationBytes()).isEqualTo(IMAGE);
        assertThat(report.runtime()).isEqualTo("jlink");
        assertThat(report.runtimeImage()).isEqualTo("gcr.io/distroless/cc-debian12");
    }

    @Test
    void moduleAnalysisModulesAndExclusionsComeFromTheModuleSet() {
        SizeReport report = report();

        assertThat(report.moduleAnalysis()).isEqualTo("jdeps 17");
        assertThat(report.modules()).isEqualTo(MODULES.modules());
        assertThat(report.excludedModules()).isEqualTo(MODULES.excluded());
    }

    @Test
    void squashedHistoryStillCountsTheLinkedRuntimeAsRuntime() {
        ImagePlan plan = plan();
        Dockerfile dockerfile = new DockerfileGenerator().generate(plan, Optional.of(MODULES));
        BuiltImage squashed = new BuiltImage("sha256:feed", IMAGE, List.of(new BuiltImage.HistoryEntry("merged", IMAGE)), List.of(), List.of(),
                ReportFixtures.ENGINE);

        SizeReport report = new ReportBuilder().build("app:1", plan, dockerfile, Optional.of(MODULES), squashed,
                OptionalLong.empty(), 0);

        long staged = plan.app().layers().stream().mapToLong(Layer::bytes).sum();
        assertThat(report.runtimeBytes()).isEqualTo(IMAGE - staged);
        assertThat(report.runtimeBytes() + report.dependenciesBytes() + report.applicationBytes()).isEqualTo(IMAGE);
    }

    @Test
    void withoutAModuleSetTheReportHasNoModuleSection() {
        ImagePlan plan = ReportFixtures.plan();
        Dockerfile dockerfile = ReportFixtures.dockerfile(plan);
        BuiltImage built = ReportFixtures.built(1_000, ReportFixtures.history(dockerfile, List.of(1L, 1L, 1L), List.of(997L)));

        SizeReport report = new ReportBuilder().build("app:1", plan, dockerfile, Optional.empty(), built, OptionalLong.empty(), 0);

        assertThat(report.moduleAnalysis()).isNull();
        assertThat(report.modules()).isEmpty();
        assertThat(report.excludedModules()).isEmpty();
    }
}
