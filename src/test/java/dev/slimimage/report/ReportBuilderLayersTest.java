package dev.slimimage.report;

import static dev.slimimage.report.ReportFixtures.dockerfile;
import static dev.slimimage.report.ReportFixtures.history;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.analysis.Layer;
import dev.slimimage.docker.BuiltImage;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.SizeBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Diff ids per layer, reused or new against the previous build, compressed sizes, kinds and the budget. */
class ReportBuilderLayersTest {

    private static final List<String> BASE = List.of("sha256:b1", "sha256:b2");
    /** The final stage's COPY layers in order: the (unreported) working directory, then the application's. */
    private static final List<String> OURS = List.of("sha256:workdir", "sha256:deps", "sha256:res", "sha256:cls");

    @TempDir
    Path tmp;

    private final ImagePlan plan = ReportFixtures.plan();
    private final Dockerfile dockerfile = dockerfile(plan);

    private BuiltImage built(List<String> diffIds, List<String> baseDiffIds) {
        return new BuiltImage(ReportFixtures.IMAGE_ID, 100_000_000,
                history(dockerfile, List.of(20_000_000L, 12_000L, 45_000L), List.of(70_000_000L, 9_943_000L)), diffIds, baseDiffIds,
                ReportFixtures.ENGINE);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private SizeReport report(ReportBuilder builder, BuiltImage image) {
        return builder.build("app:1", plan, dockerfile, Optional.empty(), image, OptionalLong.empty(), 0);
    }

    @Test
    void eachLayerGetsItsDiffIdKindAndLargestFile() {
        SizeReport report = report(new ReportBuilder(), built(concat(BASE, OURS), BASE));

        assertThat(report.layers()).extracting(SizeReport.LayerSize::diffIds)
                .containsExactly(BASE, List.of("sha256:deps"), List.of("sha256:res"), List.of("sha256:cls"));
        assertThat(report.layers()).extracting(SizeReport.LayerSize::kind)
                .containsExactly("base-image", "dependencies", "resources", "classes");
        assertThat(report.layers().get(1).largestFile()).isEqualTo(new SizeReport.LargestFile("a", ReportFixtures.STAGED_DEPENDENCIES - 100));
        assertThat(report.layers().get(0).largestFile()).isNull();
        assertThat(report.layers()).allMatch(l -> l.change() == null);
        assertThat(report.previousBuild()).isNull();
        assertThat(report.budget()).isNull();
    }

    @Test
    void theLauncherAgentsLayerIsLaunchMachineryLikeSpringBootsLoader() {
        assertThat(ReportBuilder.kind(dev.slimimage.analysis.Layer.LAUNCHER_AGENT)).isEqualTo("loader");
        assertThat(ReportBuilder.kind(dev.slimimage.analysis.Layer.LOADER)).isEqualTo("loader");
        assertThat(ReportBuilder.kind("company-dependencies")).isEqualTo("dependencies");
        assertThat(ReportBuilder.kind("application")).isEqualTo("application");
    }

    @Test
    void diffIdsThatDoNotStartWithTheBaseImagesAreLeftOut() {
        SizeReport report = report(new ReportBuilder(), built(concat(List.of("sha256:other", "sha256:b2"), OURS), BASE));

        assertThat(report.layers()).allMatch(l -> l.diffIds().isEmpty());
        assertThat(report(new ReportBuilder(), built(concat(BASE, OURS.subList(0, 3)), BASE)).layers())
                .as("one COPY layer missing").allMatch(l -> l.diffIds().isEmpty());
    }

    @Test
    void layersThePreviousBuildHadAreReusedAndTheOthersNew() {
        PreviousReport previous = new PreviousReport("sha256:old", Set.of("sha256:b1", "sha256:b2", "sha256:deps", "sha256:res", "sha256:cls-old"));
        ReportBuilder builder = new ReportBuilder().comparedWith(Optional.of(previous))
                .withPushedBytes(Map.of(Layer.DEPENDENCIES, 18_000_000L, Layer.RESOURCES, 3_000L, Layer.CLASSES, 20_000L));

        SizeReport report = report(builder, built(concat(BASE, OURS), BASE));

        assertThat(report.layers()).extracting(SizeReport.LayerSize::change).containsExactly("reused", "reused", "reused", "new");
        assertThat(report.layers()).extracting(SizeReport.LayerSize::pushedBytes).containsExactly(null, 18_000_000L, 3_000L, 20_000L);
        assertThat(report.pushedBytes()).isEqualTo(18_023_000L);
        assertThat(report.previousBuild()).isEqualTo(new SizeReport.PreviousBuild("sha256:old", 3, 1, 45_000, 20_000));
    }

    @Test
    void previousReportIsReadFromItsJsonAndAnUnreadableOneIsNoPrevious() throws Exception {
        SizeReport report = report(new ReportBuilder(), built(concat(BASE, OURS), BASE));
        Path json = tmp.resolve("report.json");
        new ReportFormatter().writeJson(report, json);

        // The working directory's empty layer is not reported, so it is not compared either.
        assertThat(PreviousReport.read(json)).contains(new PreviousReport(ReportFixtures.IMAGE_ID,
                Set.copyOf(concat(BASE, OURS.subList(1, OURS.size())))));
        Files.writeString(json, "{not json");
        assertThat(PreviousReport.read(json)).isEmpty();
        Files.writeString(json, "{\"imageId\":\"sha256:x\",\"layers\":[{\"name\":\"classes\",\"bytes\":1}]}");
        assertThat(PreviousReport.read(json)).as("a report from before diff ids").isEmpty();
        assertThat(PreviousReport.read(tmp.resolve("missing.json"))).isEmpty();
    }

    @Test
    void budgetIsCheckedOnBothSides() {
        BuiltImage image = built(concat(BASE, OURS), BASE);

        SizeReport within = report(new ReportBuilder().within(new SizeBudget(100_000_000L, 20_000_000L)), image);
        SizeReport over = report(new ReportBuilder().within(new SizeBudget(99_999_999L, null)), image);

        assertThat(within.budget()).isEqualTo(new SizeReport.Budget(100_000_000L, 20_000_000L, null));
        assertThat(over.budget().exceeded()).startsWith("The image app:1 is 100.0 MB, over maxImageSize 100.0 MB; ");
    }
}
