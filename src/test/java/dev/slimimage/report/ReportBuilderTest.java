package dev.slimimage.report;

import static dev.slimimage.report.ReportFixtures.STAGED_CLASSES;
import static dev.slimimage.report.ReportFixtures.STAGED_DEPENDENCIES;
import static dev.slimimage.report.ReportFixtures.STAGED_RESOURCES;
import static dev.slimimage.report.ReportFixtures.built;
import static dev.slimimage.report.ReportFixtures.dockerfile;
import static dev.slimimage.report.ReportFixtures.history;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.slimimage.analysis.Layer;
import dev.slimimage.docker.BuiltImage;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.plan.ImagePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {

    private final ImagePlan plan = ReportFixtures.plan();
    private final Dockerfile dockerfile = dockerfile(plan);

    private SizeReport report(long imageBytes, OptionalLong builderBytes, long naiveBytes) {
        BuiltImage image = built(imageBytes, history(dockerfile, List.of(1L, 1L, 1L), List.of(imageBytes - 3)));
        return new ReportBuilder().build("my-app:1.0", plan, dockerfile, Optional.empty(), image, builderBytes, naiveBytes);
    }

    @Test
    void baselineIsTheJdkImagePlusTheNaiveFilesAndSavingsFollow() {
        SizeReport report = report(150_000_000, OptionalLong.of(400_000_000), 20_000_000);

        assertThat(report.image()).isEqualTo("my-app:1.0");
        assertThat(report.imageId()).isEqualTo(ReportFixtures.IMAGE_ID);
        assertThat(report.imageBytes()).isEqualTo(150_000_000);
        assertThat(report.runtime()).isEqualTo("jre");
        assertThat(report.runtimeImage()).isEqualTo("eclipse-temurin:17-jre");
        assertThat(report.baselineImage()).isEqualTo("eclipse-temurin:17-jdk");
        assertThat(report.baselineBytes()).isEqualTo(420_000_000L);
        assertThat(report.savedBytes()).isEqualTo(270_000_000L);
        assertThat(report.savedPercent()).isEqualTo(64.3); // 270 / 420 = 64.2857…
    }

    @Test
    void savedPercentIsRoundedToOneDecimal() {
        assertThat(report(8_764, OptionalLong.of(9_000), 1_000).savedPercent()).isEqualTo(12.4); // 12.36
        assertThat(report(8_766, OptionalLong.of(9_000), 1_000).savedPercent()).isEqualTo(12.3); // 12.34
        assertThat(report(100, OptionalLong.of(300), 0).savedPercent()).isEqualTo(66.7);          // 66.66…
        assertThat(report(300, OptionalLong.of(300), 0).savedPercent()).isEqualTo(0.0);
    }

    @Test
    void imageLargerThanTheBaselineGivesNegativeSavings() {
        SizeReport report = report(1_050, OptionalLong.of(900), 100);

        assertThat(report.savedBytes()).isEqualTo(-50L);
        assertThat(report.savedPercent()).isEqualTo(-5.0);
    }

    @Test
    void withoutTheJdkImageThereIsNoBaseline() {
        SizeReport report = report(150_000_000, OptionalLong.empty(), 20_000_000);

        assertThat(report.baselineBytes()).isNull();
        assertThat(report.savedBytes()).isNull();
        assertThat(report.savedPercent()).isNull();
        assertThat(report.imageBytes()).isEqualTo(150_000_000);
    }

    @Test
    void layerSizesComeFromTheNewestHistoryEntriesAndTheRestIsTheBaseImage() {
        // The daemon's sizes differ from the staged ones, so the test sees which were used.
        List<BuiltImage.HistoryEntry> history = history(dockerfile, List.of(21_000_000L, 13_000L, 47_000L),
                List.of(75_000_000L, 0L, 5_000_000L));
        BuiltImage image = built(101_060_000, history);

        List<SizeReport.LayerSize> layers = new ReportBuilder().layerSizes(plan, dockerfile, image);

        assertThat(layers).extracting(SizeReport.LayerSize::name, SizeReport.LayerSize::bytes).containsExactly(
                tuple("base image eclipse-temurin:17-jre", 80_000_000L),
                tuple(Layer.DEPENDENCIES, 21_000_000L),
                tuple(Layer.RESOURCES, 13_000L),
                tuple(Layer.CLASSES, 47_000L));
    }

    @Test
    void podmansImageSizeWithItsConfigAndManifestStillAddsUp() {
        // Measured: Podman 4.3.1 reported 63 592 823 bytes for an image whose history adds up to 63 586 304.
        List<BuiltImage.HistoryEntry> history = history(dockerfile, List.of(21_000_000L, 13_000L, 47_000L),
                List.of(75_000_000L, 0L, 5_000_000L));
        BuiltImage image = built(101_060_000 + 6_519, history);

        List<SizeReport.LayerSize> layers = new ReportBuilder().layerSizes(plan, dockerfile, image);

        assertThat(layers.get(0).name()).isEqualTo("base image eclipse-temurin:17-jre");
        assertThat(layers.get(0).bytes()).isEqualTo(80_006_519);
        assertThat(layers.stream().mapToLong(SizeReport.LayerSize::bytes).sum()).isEqualTo(image.sizeBytes());
    }

    @Test
    void theWorkingDirectorysLayerIsNotListedButItsBytesStillAddUp() {
        // Measured: Podman 4.3.1 counts the empty working directory's layer as 1 536 bytes (its tar), Docker as 0.
        List<BuiltImage.HistoryEntry> history = new ArrayList<>(history(dockerfile, List.of(21_000_000L, 13_000L, 47_000L),
                List.of(75_000_000L, 0L, 5_000_000L)));
        int workdir = IntStream.range(0, history.size()).filter(i -> history.get(i).createdBy().contains("layers/workdir/"))
                .findFirst().orElseThrow();
        history.set(workdir, new BuiltImage.HistoryEntry(history.get(workdir).createdBy(), 1_536));
        BuiltImage image = built(101_060_000 + 1_536, history);

        List<SizeReport.LayerSize> layers = new ReportBuilder().layerSizes(plan, dockerfile, image);

        assertThat(layers).extracting(SizeReport.LayerSize::name).doesNotContain("workdir");
        assertThat(layers.stream().mapToLong(SizeReport.LayerSize::bytes).sum()).isEqualTo(image.sizeBytes());
    }

    @Test
    void squashedHistoryFallsBackToStagedSizes() {
        BuiltImage image = built(100_000_000, List.of(new BuiltImage.HistoryEntry("merged", 100_000_000)));

        List<SizeReport.LayerSize> layers = new ReportBuilder().layerSizes(plan, dockerfile, image);

        long staged = STAGED_DEPENDENCIES + STAGED_RESOURCES + STAGED_CLASSES;
        assertThat(layers).extracting(SizeReport.LayerSize::name, SizeReport.LayerSize::bytes).containsExactly(
                tuple("base image eclipse-temurin:17-jre", 100_000_000L - staged),
                tuple(Layer.DEPENDENCIES, STAGED_DEPENDENCIES),
                tuple(Layer.RESOURCES, STAGED_RESOURCES),
                tuple(Layer.CLASSES, STAGED_CLASSES));
    }

    @Test
    void historyWhoseCopiesDoNotLineUpFallsBackToStagedSizes() {
        // Same length, but the newest entries are not this Dockerfile's instructions (an extra RUN, one COPY fewer).
        List<BuiltImage.HistoryEntry> history = new ArrayList<>(history(dockerfile, List.of(1L, 2L, 3L), List.of(70_000_000L)));
        history.remove(history.size() - 2);  // drop the oldest COPY
        history.add(0, new BuiltImage.HistoryEntry("/bin/sh -c apt-get update", 9_000_000));

        List<SizeReport.LayerSize> layers = new ReportBuilder().layerSizes(plan, dockerfile, built(100_000_000, history));

        assertThat(layers).extracting(SizeReport.LayerSize::bytes).containsExactly(
                100_000_000 - STAGED_DEPENDENCIES - STAGED_RESOURCES - STAGED_CLASSES,
                STAGED_DEPENDENCIES, STAGED_RESOURCES, STAGED_CLASSES);
    }

    @Test
    void fallbackBaseImageSizeIsNeverNegative() {
        BuiltImage image = built(1_000, List.of());

        assertThat(new ReportBuilder().layerSizes(plan, dockerfile, image).get(0).bytes()).isZero();
    }
}
