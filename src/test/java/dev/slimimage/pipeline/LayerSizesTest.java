package dev.slimimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.analysis.Layer;
import dev.slimimage.context.CompressedSize;
import dev.slimimage.testing.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerSizesTest {

    private static final FileTime TIME = FileTime.from(Instant.parse("2024-01-01T00:00:00Z"));
    private static final List<Layer> LAYERS = List.of(new Layer("dependencies", List.of()), new Layer("classes", List.of()));

    @TempDir
    Path tmp;

    private Path layers() throws Exception {
        Path layers = tmp.resolve("layers");
        byte[] random = new byte[200_000];
        new Random(7).nextBytes(random);
        Files.createDirectories(layers.resolve("dependencies/app/lib"));
        Files.write(layers.resolve("dependencies/app/lib/lib.jar"), random);
        Files.createDirectories(layers.resolve("classes/app/classes"));
        Files.writeString(layers.resolve("classes/app/classes/Main.class"), "class ".repeat(1000));
        return layers;
    }

    private Map<String, Long> measure(Path layers, Optional<Map<String, String>> fingerprints, RecordingLog log) {
        Optional<BuildInputs.Fingerprint> fingerprint = fingerprints.map(f -> new BuildInputs.Fingerprint("whole", "outside", f, "plugin"));
        try (LayerSizes sizes = LayerSizes.start(LAYERS, layers, TIME, fingerprint, tmp.resolve("cache/" + LayerSizes.FILE))) {
            return sizes.all(log);
        }
    }

    @Test
    void eachLayerIsItsTarGzippedAsTheContextHoldsIt() throws Exception {
        Path layers = layers();

        Map<String, Long> sizes = measure(layers, Optional.of(Map.of("dependencies", "d1", "classes", "c1")), new RecordingLog());

        assertThat(sizes).containsOnlyKeys("dependencies", "classes");
        assertThat(sizes.get("dependencies")).isEqualTo(CompressedSize.of(layers.resolve("dependencies"), TIME)).isGreaterThan(200_000);
        assertThat(sizes.get("classes")).isEqualTo(CompressedSize.of(layers.resolve("classes"), TIME)).isLessThan(1_000);
    }

    @Test
    void aLayerWithTheSameFingerprintIsNotMeasuredAgainAndAChangedOneIs() throws Exception {
        Path layers = layers();
        Map<String, Long> first = measure(layers, Optional.of(Map.of("dependencies", "d1", "classes", "c1")), new RecordingLog());
        Files.writeString(layers.resolve("classes/app/classes/Main.class"), "other ".repeat(5000));
        Files.delete(layers.resolve("dependencies/app/lib/lib.jar"));
        Files.delete(layers.resolve("dependencies/app/lib"));

        Map<String, Long> second = measure(layers, Optional.of(Map.of("dependencies", "d1", "classes", "c2")), new RecordingLog());

        assertThat(second.get("dependencies")).as("kept, not measured: the directory no longer holds the jar")
                .isEqualTo(first.get("dependencies"));
        assertThat(second.get("classes")).isEqualTo(CompressedSize.of(layers.resolve("classes"), TIME));
    }

    @Test
    void withoutFingerprintsEveryLayerIsMeasuredEachTime() throws Exception {
        Path layers = layers();
        measure(layers, Optional.empty(), new RecordingLog());
        Files.writeString(layers.resolve("classes/app/classes/Main.class"), "other ".repeat(5000));

        Map<String, Long> second = measure(layers, Optional.empty(), new RecordingLog());

        assertThat(second.get("classes")).isEqualTo(CompressedSize.of(layers.resolve("classes"), TIME));
    }

    @Test
    void aLayerThatCannotBeReadIsLeftOutWithAWarning() throws Exception {
        Path layers = layers();
        Files.delete(layers.resolve("classes/app/classes/Main.class"));
        Files.delete(layers.resolve("classes/app/classes"));
        Files.delete(layers.resolve("classes/app"));
        Files.delete(layers.resolve("classes"));
        RecordingLog log = new RecordingLog();

        Map<String, Long> sizes = measure(layers, Optional.of(Map.of("dependencies", "d1", "classes", "c1")), log);

        assertThat(sizes).containsOnlyKeys("dependencies");
        assertThat(log.text()).contains("WARN Could not measure the compressed size of layer classes (");
    }
}
