package dev.slimimage.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.AppLayout;
import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.LaunchManifest;
import dev.slimimage.analysis.Layer;
import dev.slimimage.modules.ModuleChoice;
import dev.slimimage.modules.ModuleSet;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanSummaryTest {

    private static ImageFile file(String imagePath, long bytes) {
        return new ImageFile(imagePath, new FileSource.OnDisk(Path.of("/nowhere" + imagePath), bytes));
    }

    private static ImagePlan plan(RuntimeKind runtime, String runtimeImage) {
        AppAnalysis app = new AppAnalysis(AppLayout.PLAIN_JAR, "com.example.Main", List.of("-cp", "/app/classes", "com.example.Main"),
                17, "project configuration",
                List.of(new Layer(Layer.DEPENDENCIES, List.of(file("/app/lib/a.jar", 1_500), file("/app/lib/b.jar", 2_000))),
                        new Layer(Layer.CLASSES, List.of(file("/app/classes/com/example/Main.class", 250)))),
                List.of());
        return new ImagePlan(app, runtime, "eclipse-temurin:17-jdk", runtimeImage, "65532", List.of(), List.of(), Map.of(),
                Instant.EPOCH, ImagePlan.JlinkOptions.DEFAULTS);
    }

    @Test
    void describesThePlanAndEveryLayer() {
        PlanSummary summary = new PlanSummary(plan(RuntimeKind.JRE, "eclipse-temurin:17-jre"), Path.of("target/slim/Dockerfile"),
                Optional.empty());

        assertThat(summary.lines()).containsExactly(
                "Wrote target/slim/Dockerfile: plain jar with Maven-resolved dependencies, main class com.example.Main, "
                        + "Java 17 (project configuration), runtime eclipse-temurin:17-jre",
                "  layer dependencies               2 files        3.5 kB",
                "  layer classes                    1 file         0.3 kB");
        assertThat(summary.warnings()).isEmpty();
    }

    @Test
    void manifestOptionsWithTheLauncherAgentAndDefaultArgumentsAreShownWithoutWarning() {
        ImagePlan base = plan(RuntimeKind.JRE, "eclipse-temurin:17-jre");
        AppAnalysis a = base.app();
        LaunchManifest manifest = new LaunchManifest(List.of("jdk.compiler/com.sun.tools.javac.util"), List.of(), false,
                Optional.of("com.example.Agent"));
        ImagePlan plan = new ImagePlan(new AppAnalysis(a.layout(), a.mainClass(), a.launchArguments(), a.javaRelease(),
                a.releaseSource(), a.layers(), a.naiveImageFiles(), manifest), base.runtime(), base.builderImage(),
                base.runtimeImage(), base.user(), base.jvmFlags(), base.ports(), base.labels(), base.fileTimestamp(), base.jlink(),
                List.of("run", "a b"));

        PlanSummary summary = new PlanSummary(plan, Path.of("Dockerfile"), Optional.empty());

        assertThat(summary.lines()).contains(
                "  JVM options from the jar's manifest, as java -jar would apply them: "
                        + "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED "
                        + "-javaagent:/app/launcher-agent/slim-launcher-agent.jar=com.example.Agent",
                "  default arguments (CMD): run 'a b'");
        assertThat(summary.warnings()).isEmpty();
    }

    @Test
    void aLinkedRuntimeListsItsModulesWithReasonsAndWarnsAboutExcludedOnes() {
        ModuleSet modules = new ModuleSet(
                List.of(new ModuleChoice("java.base", List.of("the Java runtime itself")),
                        new ModuleChoice("java.sql", List.of("used by com.example.Main", "added by addModules"))),
                "jdeps", "en", List.of(new ModuleChoice("jdk.zipfs", List.of("always in, tiny"))));
        PlanSummary summary = new PlanSummary(plan(RuntimeKind.JLINK, "gcr.io/distroless/cc-debian12"), Path.of("Dockerfile"),
                Optional.of(modules));

        assertThat(summary.lines()).endsWith(
                "Linking 2 modules: java.base,java.sql",
                "  java.base: the Java runtime itself",
                "  java.sql: used by com.example.Main; added by addModules");
        assertThat(summary.warnings()).containsExactly("  left out by excludeModules: jdk.zipfs (always in, tiny)");
    }
}
