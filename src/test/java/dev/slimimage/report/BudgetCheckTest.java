package dev.slimimage.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.modules.ModuleChoice;
import dev.slimimage.plan.SizeBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both sides of each limit, and what the sentence suggests for each kind of big layer. */
class BudgetCheckTest {

    private static SizeReport.LayerSize layer(String name, String kind, long bytes, SizeReport.LargestFile largest) {
        return new SizeReport.LayerSize(name, kind, bytes, null, List.of(), null, largest);
    }

    private static SizeReport report(String runtime, List<SizeReport.LayerSize> layers, List<ModuleChoice> modules) {
        long total = layers.stream().mapToLong(SizeReport.LayerSize::bytes).sum();
        return new SizeReport("app:1", "sha256:" + "a".repeat(64), total, null, runtime, "eclipse-temurin:17-jre",
                "eclipse-temurin:17-jdk", null, null, null, layers, 0, 0, 0, null, modules, List.of(), null, null, ReportFixtures.ENGINE);
    }

    private static final List<SizeReport.LayerSize> JRE_LAYERS = List.of(
            layer("base image eclipse-temurin:17-jre", "base-image", 342_000_000, null),
            layer("dependencies", "dependencies", 40_000_000, new SizeReport.LargestFile("guava-33.4.8-jre.jar", 3_100_000)),
            layer("resources", "resources", 12_000, new SizeReport.LargestFile("app.properties", 12_000)),
            layer("classes", "classes", 1_500, new SizeReport.LargestFile("Main.class", 1_500)));

    @Test
    void imageAtTheLimitPassesAndOneByteOverFails() {
        SizeReport report = report("jre", JRE_LAYERS, List.of());

        assertThat(BudgetCheck.exceeded(report, new SizeBudget(report.imageBytes(), null))).isNull();
        assertThat(BudgetCheck.exceeded(report, new SizeBudget(report.imageBytes() - 1, null))).isEqualTo(
                "The image app:1 is 382.0 MB, over maxImageSize 382.0 MB; biggest layers: base image eclipse-temurin:17-jre "
                + "342.0 MB, dependencies 40.0 MB, resources 12.0 kB; what would shrink it: a slimmer runtime "
                + "(-Dslim.runtime=jlink links only the modules the application uses, -Dslim.runtime=distroless drops the shell "
                + "and package manager), dropping or replacing guava-33.4.8-jre.jar, the largest file of the dependencies layer "
                + "(3.1 MB of 40.0 MB)");
    }

    @Test
    void layerLimitCountsOnlyTheLayersTheBuildAddsAndNamesTheDominantDependency() {
        SizeReport report = report("jre", JRE_LAYERS, List.of());

        assertThat(BudgetCheck.exceeded(report, new SizeBudget(null, 40_000_000L))).as("at the limit").isNull();
        String sentence = BudgetCheck.exceeded(report, new SizeBudget(null, 39_999_999L));
        assertThat(sentence).startsWith("Its layer dependencies 40.0 MB is over maxLayerSize 40.0 MB; biggest layers: ")
                .endsWith("; what would shrink it: dropping or replacing guava-33.4.8-jre.jar, the largest file of the "
                        + "dependencies layer (3.1 MB of 40.0 MB)")
                .doesNotContain("slimmer runtime");
    }

    @Test
    void bothLimitsBrokenAreOneSentence() {
        SizeReport report = report("jre", JRE_LAYERS, List.of());

        String sentence = BudgetCheck.exceeded(report, new SizeBudget(100_000_000L, 10_000L));
        assertThat(sentence).startsWith("The image app:1 is 382.0 MB, over maxImageSize 100.0 MB and its layers dependencies "
                + "40.0 MB, resources 12.0 kB are over maxLayerSize 10.0 kB; ");
        assertThat(sentence).doesNotContain(".;").doesNotEndWith(".");
    }

    @Test
    void distrolessIsPointedAtJlinkAndJlinkAtExcludedModules() {
        List<SizeReport.LayerSize> distroless = List.of(
                layer("base image gcr.io/distroless/java17-debian12", "base-image", 229_000_000, null),
                layer("classes", "classes", 1_500, null));
        assertThat(BudgetCheck.exceeded(report("distroless", distroless, List.of()), new SizeBudget(100_000_000L, null)))
                .endsWith("what would shrink it: a slimmer runtime (-Dslim.runtime=jlink links only the modules the application "
                        + "uses instead of a whole JRE)");

        List<SizeReport.LayerSize> linked = List.of(
                layer("base image gcr.io/distroless/cc-debian12", "base-image", 23_000_000, null),
                layer("java-runtime", "java-runtime", 54_000_000, null),
                layer("dependencies", "dependencies", 1_000_000, null));
        List<ModuleChoice> modules = List.of(new ModuleChoice("java.base", List.of("always")),
                new ModuleChoice("java.desktop", List.of("used by x.jar")));
        assertThat(BudgetCheck.exceeded(report("jlink", linked, modules), new SizeBudget(null, 50_000_000L)))
                .isEqualTo("Its layer java-runtime 54.0 MB is over maxLayerSize 50.0 MB; biggest layers: java-runtime 54.0 MB, "
                        + "base image gcr.io/distroless/cc-debian12 23.0 MB, dependencies 1.0 MB; what would shrink it: leaving "
                        + "out linked modules the application does not need with excludeModules (2 are linked; report.html says "
                        + "why each is)");
    }
}
