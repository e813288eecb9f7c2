package dev.slimimage.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFormatterTest {

    private static final Pattern ROW = Pattern.compile("^ {2,4}(\\S.*?)\\s+(\\d+\\.\\d (?:kB|MB))(?:  (.*))?$");

    @TempDir
    Path tmp;

    private static SizeReport withBaseline() {
        return new SizeReport("my-app:1.0", ReportFixtures.IMAGE_ID, 150_000_000, 18_140_000L, "jre", "eclipse-temurin:17-jre",
                "eclipse-temurin:17-jdk", 420_000_000L, 270_000_000L, 64.3,
                List.of(layer("base image eclipse-temurin:17-jre", "base-image", 129_900_000, null, "reused"),
                        layer("dependencies", "dependencies", 20_000_000, 18_100_000L, "reused"),
                        layer("snapshot-dependencies", "dependencies", 42_000, 30_000L, "reused"),
                        layer("classes", "classes", 58_000, 10_000L, "new")),
                129_900_000, 20_042_000, 58_000, null, List.of(), List.of(),
                new SizeReport.PreviousBuild("sha256:" + "e".repeat(64), 3, 1, 58_000, 10_000), null, ReportFixtures.ENGINE);
    }

    private static SizeReport.LayerSize layer(String name, String kind, long bytes, Long pushed, String change) {
        return new SizeReport.LayerSize(name, kind, bytes, pushed, List.of("sha256:" + name.length()), change, null);
    }

    private static SizeReport withoutBaseline() {
        SizeReport r = withBaseline();
        return new SizeReport(r.image(), r.imageId(), r.imageBytes(), r.pushedBytes(), r.runtime(), r.runtimeImage(),
                r.baselineImage(), null, null, null, r.layers(), r.runtimeBytes(), r.dependenciesBytes(), r.applicationBytes(), null,
                List.of(), List.of(), null, null, r.engine());
    }

    private static String lineStartingWith(List<String> lines, String label) {
        return lines.stream().filter(l -> l.strip().startsWith(label + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + label + " in\n" + String.join("\n", lines)));
    }

    @Test
    void sizesJustBelowOneMegabyteDoNotPrintAsAThousandKilobytes() {
        assertThat(ReportFormatter.megabytes(999_949)).isEqualTo("999.9 kB");
        assertThat(ReportFormatter.megabytes(999_999)).isEqualTo("1.0 MB");
        assertThat(ReportFormatter.megabytes(1_234_567)).isEqualTo("1.2 MB");
    }

    @Test
    void tableShowsSizeBaselineSavingsAndEachLayer() {
        List<String> lines = new ReportFormatter().table(withBaseline());

        assertThat(lines.get(0)).isEqualTo("Image my-app:1.0 (0123456789ab), runtime jre");
        assertThat(lines.get(1)).isEqualTo("  built by Podman 4.3.1 (API 1.41, local) at unix:///run/podman/podman.sock");
        assertThat(lineStartingWith(lines, "size")).contains("150.0 MB");
        assertThat(lineStartingWith(lines, "baseline")).contains("420.0 MB", "naive single-stage image on eclipse-temurin:17-jdk");
        assertThat(lineStartingWith(lines, "saved")).contains("270.0 MB", "64.3%");
        assertThat(lineStartingWith(lines, "base image eclipse-temurin:17-jre")).contains("129.9 MB");
        assertThat(lineStartingWith(lines, "dependencies")).contains("20.0 MB");
        assertThat(lineStartingWith(lines, "snapshot-dependencies")).contains("42.0 kB");
        assertThat(lineStartingWith(lines, "classes")).contains("58.0 kB");
        // layers are listed after the summary, in report order
        int layersHeader = lines.indexOf(lineStartingWith(lines, "layers:"));
        assertThat(lines.get(layersHeader)).contains("unpacked", "pushed");
        assertThat(layersHeader).isGreaterThan(lines.indexOf(lineStartingWith(lines, "saved")));
        assertThat(lines.subList(layersHeader + 1, layersHeader + 5))
                .extracting(String::strip)
                .satisfiesExactly(
                        l -> assertThat(l).startsWith("base image"),
                        l -> assertThat(l).startsWith("dependencies"),
                        l -> assertThat(l).startsWith("snapshot-dependencies"),
                        l -> assertThat(l).startsWith("classes"));
    }

    @Test
    void sizesLineUpInOneRightAlignedColumnWithoutTrailingSpaces() {
        List<String> lines = new ReportFormatter().table(withBaseline());

        List<String> rows = lines.stream().filter(l -> ROW.matcher(l).matches()).toList();
        // size, pushed, baseline, saved; runtime, dependencies, application; four layers
        assertThat(rows).hasSize(4 + 3 + 4);
        assertThat(rows.stream().map(l -> {
            Matcher m = ROW.matcher(l);
            m.matches();
            return m.end(2);
        }).distinct()).hasSize(1);
        assertThat(lines).allMatch(l -> l.equals(l.stripTrailing()));
    }

    @Test
    void tableShowsPushedSizesAndWhatChangedSinceThePreviousBuild() {
        List<String> lines = new ReportFormatter().table(withBaseline());

        assertThat(lineStartingWith(lines, "pushed")).contains("18.1 MB", "compressed");
        assertThat(lines).contains("    dependencies                         20.0 MB    18.1 MB  reused");
        assertThat(lines).contains("    classes                              58.0 kB    10.0 kB  new");
        assertThat(lineStartingWith(lines, "base image eclipse-temurin:17-jre").replaceAll(" +", " "))
                .endsWith("129.9 MB - reused");
        assertThat(lines).contains("  since the previous build: 3 layers reused, 1 new (58.0 kB, 10.0 kB to push)");
        assertThat(lines).noneMatch(l -> l.contains("budget"));
    }

    @Test
    void withoutBaselineSaysTheJdkImageIsMissingAndShowsNoSavings() {
        List<String> lines = new ReportFormatter().table(withoutBaseline());

        assertThat(lineStartingWith(lines, "baseline")).contains("n/a", "eclipse-temurin:17-jdk is not on the daemon");
        assertThat(lines).noneMatch(l -> l.strip().startsWith("saved"));
        assertThat(lineStartingWith(lines, "size")).contains("150.0 MB");
    }

    @Test
    void numbersUseADecimalPointWhateverTheDefaultLocale() {
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            List<String> lines = new ReportFormatter().table(withBaseline());

            assertThat(lineStartingWith(lines, "saved")).contains("270.0 MB", "64.3%");
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void jsonHasEveryFieldAToolNeeds() throws Exception {
        Path file = tmp.resolve("target/slim/report.json");

        new ReportFormatter().writeJson(withBaseline(), file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.get("image").asText()).isEqualTo("my-app:1.0");
        assertThat(json.get("imageId").asText()).isEqualTo(ReportFixtures.IMAGE_ID);
        assertThat(json.get("imageBytes").asLong()).isEqualTo(150_000_000);
        assertThat(json.get("runtime").asText()).isEqualTo("jre");
        assertThat(json.get("baselineImage").asText()).isEqualTo("eclipse-temurin:17-jdk");
        assertThat(json.get("baselineBytes").asLong()).isEqualTo(420_000_000);
        assertThat(json.get("savedBytes").asLong()).isEqualTo(270_000_000);
        assertThat(json.get("savedPercent").asDouble()).isEqualTo(64.3);
        assertThat(json.get("layers").isArray()).isTrue();
        assertThat(json.get("layers")).hasSize(4);
        assertThat(json.get("layers").get(1).get("name").asText()).isEqualTo("dependencies");
        assertThat(json.get("layers").get(1).get("bytes").asLong()).isEqualTo(20_000_000);
        assertThat(json.get("layers").get(1).get("pushedBytes").asLong()).isEqualTo(18_100_000);
        assertThat(json.get("layers").get(1).get("kind").asText()).isEqualTo("dependencies");
        assertThat(json.get("layers").get(1).get("change").asText()).isEqualTo("reused");
        assertThat(json.get("layers").get(0).get("pushedBytes").isNull()).isTrue();
        assertThat(json.get("pushedBytes").asLong()).isEqualTo(18_140_000);
        assertThat(json.get("previousBuild").get("newLayers").asInt()).isEqualTo(1);
        assertThat(json.get("budget").isNull()).isTrue();
        assertThat(json.get("engine").get("name").asText()).isEqualTo("Podman");
        assertThat(json.get("engine").get("version").asText()).isEqualTo("4.3.1");
        assertThat(json.get("engine").get("apiVersion").asText()).isEqualTo("1.41");
        assertThat(json.get("engine").get("host").asText()).isEqualTo("unix:///run/podman/podman.sock");
        assertThat(json.get("engine").get("remote").asBoolean()).isFalse();
    }

    @Test
    void jsonWithoutBaselineHasNullSavings() throws Exception {
        Path file = tmp.resolve("report.json");

        new ReportFormatter().writeJson(withoutBaseline(), file);

        JsonNode json = new ObjectMapper().readTree(file.toFile());
        assertThat(json.has("baselineBytes")).isTrue();
        assertThat(json.get("baselineBytes").isNull()).isTrue();
        assertThat(json.get("savedBytes").isNull()).isTrue();
        assertThat(json.get("savedPercent").isNull()).isTrue();
        assertThat(json.get("imageBytes").asLong()).isEqualTo(150_000_000);
    }
}
