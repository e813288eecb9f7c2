package dev.slimimage.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.modules.ModuleChoice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static final String HOSTILE = "x\"'><script>alert(1)</script><img src=y onerror=alert(2)>&amp;";

    @TempDir
    Path tmp;

    private static SizeReport.LayerSize layer(String name, String kind, long bytes, Long pushed, String change) {
        return new SizeReport.LayerSize(name, kind, bytes, pushed, List.of("sha256:" + name.hashCode()), change,
                pushed == null ? null : new SizeReport.LargestFile(name + ".jar", bytes / 2));
    }

    private static SizeReport jlinkReport(String hostile, int moduleCount) {
        List<ModuleChoice> modules = new ArrayList<>();
        modules.add(new ModuleChoice("java.base", List.of("the Java runtime itself")));
        for (int i = 1; i < moduleCount; i++) {
            modules.add(new ModuleChoice("jdk.module" + i, List.of("used by " + hostile, "a service of lib" + i + ".jar")));
        }
        List<SizeReport.LayerSize> layers = List.of(
                layer("base image gcr.io/distroless/cc-debian12", "base-image", 23_200_000, null, "reused"),
                layer("java-runtime", "java-runtime", 53_800_000, null, "reused"),
                layer("dependencies", "dependencies", 991_400, 905_000L, "reused"),
                layer(hostile, "application", 2_000, 700L, "new"),
                layer("classes", "classes", 1_500, 900L, "new"));
        long total = layers.stream().mapToLong(SizeReport.LayerSize::bytes).sum();
        return new SizeReport("app:" + hostile, "sha256:" + "f".repeat(64), total, 906_600L, "jlink", "gcr.io/distroless/cc-debian12",
                "eclipse-temurin:17-jdk", 444_600_000L, 444_600_000L - total, 82.4, layers, 77_000_000, 991_400, 3_500,
                "jdeps 17 " + hostile, modules, List.of(new ModuleChoice("java.desktop", List.of("used by " + hostile))),
                new SizeReport.PreviousBuild("sha256:" + "e".repeat(64), 3, 2, 3_500, 1_600),
                new SizeReport.Budget(120_000_000L, null, null), ReportFixtures.ENGINE);
    }

    @Test
    void everyNameIsEscapedSoAHostileNameStaysText() {
        String html = new HtmlReport().render(jlinkReport(HOSTILE, 3));

        assertThat(html).doesNotContain("<script", "<img", "onerror=alert(2)>", "&amp;\"");
        assertThat(html).contains("x&quot;&#39;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src&#61;y onerror&#61;alert(2)&gt;&amp;amp;");
        assertThat(html).contains("<title>slim report: app:x&quot;");
        // In an attribute too: the quote cannot end data-name early.
        assertThat(html).contains("data-name=\"x&quot;&#39;&gt;");
    }

    @Test
    void pageIsSelfContainedAndSmall() {
        String html = new HtmlReport().render(jlinkReport("lib", 15));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "<svg id=\"compare\"", "<svg id=\"stack\"");
        assertThat(html).doesNotContain("<script", "<link", "http://", "https://", "src=", "@import", "url(");
        assertThat(html.length()).as("a few kB").isLessThan(16_000);
    }

    @Test
    void showsSizesBothWaysTheLayersAndWhatChanged() {
        SizeReport report = jlinkReport("lib", 3);
        String html = new HtmlReport().render(report);

        assertThat(html).contains("id=\"image-bytes\" data-bytes=\"" + report.imageBytes() + "\">78.0 MB<");
        assertThat(html).contains("id=\"pushed-bytes\" data-bytes=\"906600\">906.6 kB<");
        assertThat(html).contains("id=\"baseline-bytes\" data-bytes=\"444600000\">444.6 MB<");
        assertThat(html).contains("id=\"saved-percent\">82.4% smaller<");
        assertThat(html).contains("<td class=\"num pushed\" data-bytes=\"905000\">905.0 kB</td>");
        assertThat(html).contains("<td class=\"num pushed\" data-bytes=\"\">from its registry</td>");
        assertThat(html).contains("<td class=\"num pushed\" data-bytes=\"\">not measured</td>");
        assertThat(html).contains("<td class=\"change new\">new</td>", "<td class=\"change reused\">reused</td>");
        assertThat(html).contains("3 layers reused and 2 new since the previous build (eeeeeeeeeeee): 3.5 kB of new layers, 1.6 kB to push.");
        assertThat(html).contains("<div id=\"budget\" class=\"within\">", "maxImageSize 120.0 MB");
        assertThat(html.split("<tr class=\"layer\"", -1)).hasSize(report.layers().size() + 1);
    }

    @Test
    void everyLinkedModuleIsListedWithItsReasons() {
        SizeReport report = jlinkReport("lib", 12);
        String html = new HtmlReport().render(report);

        for (ModuleChoice module : report.modules()) {
            assertThat(html).contains("<tr class=\"module\"><td><code>" + module.name() + "</code></td>");
            module.reasons().forEach(reason -> assertThat(html).contains("<li>" + reason + "</li>"));
        }
        assertThat(html).contains("12 modules, found by jdeps 17 lib.", "<table id=\"excluded\">", "<code>java.desktop</code>");
    }

    @Test
    void withoutBaselineOrPreviousBuildOrBudgetOrModulesThePageSaysSo() throws Exception {
        SizeReport r = jlinkReport("lib", 1);
        SizeReport bare = new SizeReport(r.image(), r.imageId(), r.imageBytes(), null, "jre", "eclipse-temurin:17-jre",
                r.baselineImage(), null, null, null, r.layers(), 1, 1, 1, null, List.of(), List.of(), null, null,
                r.engine());
        Path file = tmp.resolve("slim/report.html");

        new ReportFormatter().writeHtml(bare, file);

        String html = Files.readString(file);
        assertThat(html).contains("id=\"baseline-bytes\">n/a<", "<code>eclipse-temurin:17-jdk</code> is not on the daemon");
        assertThat(html).contains("id=\"pushed-bytes\" data-bytes=\"\">not measured<");
        assertThat(html).contains("Nothing to compare with");
        assertThat(html).doesNotContain("id=\"budget\"", "id=\"modules\"", "id=\"saved-bytes\"");
    }
}
