package dev.slimimage.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slimimage.docker.BuiltImage;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.dockerfile.Instruction;
import dev.slimimage.dockerfile.Stage;
import dev.slimimage.plan.ImagePlan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image whose last layer is a startup cache, and a linked runtime's default CDS archive: the report shows both
 * with their sizes and what they are, in report.json, the page and the log's table.
 */
class ReportStartupCacheTest {

    private static final long BASE = 79_943_000;
    private static final long DEPENDENCIES = 20_000_000;
    private static final long RESOURCES = 12_000;
    private static final long CLASSES = 45_000;
    private static final long CACHE = 51_830_784;
    private static final long IMAGE = BASE + DEPENDENCIES + RESOURCES + CLASSES + CACHE;

    @TempDir
    Path tmp;

    private final ImagePlan plan = ReportFixtures.plan();

    /** The fixture's Dockerfile with a training stage, the archive copied after the application's layers, and the label. */
    private Dockerfile withCache(String kind, String archive) {
        Dockerfile plain = ReportFixtures.dockerfile(plan);
        List<Instruction> instructions = new ArrayList<>();
        Map<String, String> all = new TreeMap<>();
        for (Instruction instruction : plain.finalStage().instructions()) {
            if (instruction instanceof Instruction.Labels labels) {
                all.putAll(labels.labels());
            } else {
                instructions.add(instruction);
            }
        }
        instructions.add(new Instruction.CopyFromStage(ReportBuilder.STARTUP_CACHE, "training", archive, archive));
        all.put(ReportBuilder.STARTUP_CACHE_LABEL, kind);
        instructions.add(new Instruction.Labels(all));
        Stage training = new Stage("training", plan.runtimeImage(), List.of());
        return new Dockerfile(plain.header(), List.of(training, new Stage(null, plan.runtimeImage(), instructions)));
    }

    /** {@code docker history} of such an image as the classic builder records it, newest first. */
    private static BuiltImage built(Dockerfile dockerfile) {
        List<BuiltImage.HistoryEntry> oldestFirst = new ArrayList<>(List.of(
                new BuiltImage.HistoryEntry("/bin/sh -c #(nop) ADD file:4f1e0c5 in / ", BASE),
                new BuiltImage.HistoryEntry("/bin/sh -c #(nop)  CMD [\"bash\"]", 0)));
        List<Long> copies = new ArrayList<>(List.of(DEPENDENCIES, RESOURCES, CLASSES));
        for (Instruction instruction : dockerfile.finalStage().instructions()) {
            if (instruction instanceof Instruction.CopyOwned) {
                oldestFirst.add(new BuiltImage.HistoryEntry("/bin/sh -c #(nop) COPY --chown=65532 dir:77a1 in / ", 0));
            } else if (instruction instanceof Instruction.CopyLayer) {
                oldestFirst.add(new BuiltImage.HistoryEntry("/bin/sh -c #(nop) COPY dir:9c3e in / ", copies.remove(0)));
            } else if (instruction instanceof Instruction.CopyFromStage copy) {
                oldestFirst.add(new BuiltImage.HistoryEntry("/bin/sh -c #(nop) COPY file:e5b0d2 in " + copy.destination() + " ", CACHE));
            } else {
                oldestFirst.add(new BuiltImage.HistoryEntry("/bin/sh -c #(nop)  " + instruction.render(), 0));
            }
        }
        List<BuiltImage.HistoryEntry> newestFirst = new ArrayList<>(oldestFirst);
        java.util.Collections.reverse(newestFirst);
        return new BuiltImage(ReportFixtures.IMAGE_ID, IMAGE, newestFirst, List.of(), List.of(), ReportFixtures.ENGINE);
    }

    private SizeReport report(ReportBuilder builder, Dockerfile dockerfile) {
        return builder.build("app:1", plan, dockerfile, Optional.empty(), built(dockerfile), OptionalLong.empty(), 0);
    }

    @Test
    void theCacheLayerIsListedLastWithItsSizeKindAndExplanation() {
        SizeReport report = report(new ReportBuilder(), withCache("aot", "/app/startup/app.aot"));

        SizeReport.LayerSize last = report.layers().get(report.layers().size() - 1);
        assertThat(last.name()).isEqualTo("startup-cache");
        assertThat(last.kind()).isEqualTo("startup-cache");
        assertThat(last.bytes()).isEqualTo(CACHE);
        assertThat(report.startup()).isEqualTo(new SizeReport.Startup("aot", "/app/startup/app.aot", "startup-cache", CACHE, null,
                report.startup().explanation()));
        assertThat(report.startup().explanation()).startsWith("An AOT cache (JDK 25+)").contains("last layer")
                .doesNotContain("linked runtime");
        assertThat(report.applicationBytes()).as("the cache is not the application's").isEqualTo(RESOURCES + CLASSES);
        assertThat(report.runtimeBytes() + report.dependenciesBytes() + report.applicationBytes() + report.startup().cacheBytes())
                .isEqualTo(IMAGE);
    }

    @Test
    void theLogTableThePageAndTheJsonShowTheCache() throws Exception {
        SizeReport report = report(new ReportBuilder(), withCache("cds", "/app/startup/app.jsa"));

        assertThat(new ReportFormatter().table(report)).anyMatch(l -> l.matches("  startup cache +51\\.8 MB  dynamic AppCDS archive "
                + "/app/startup/app\\.jsa, trained while building; the last layer, as its bytes differ on every build"))
                .anyMatch(l -> l.matches("    startup-cache +51\\.8 MB +- *"))
                .noneMatch(l -> l.contains("runtime CDS"));
        String page = new HtmlReport().render(report);
        assertThat(page).contains("<h2>Startup</h2>")
                .contains("id=\"startup-cache-bytes\" data-kind=\"cds\" data-bytes=\"51830784\">51.8 MB</b>")
                .contains("<tr class=\"layer\" data-name=\"startup-cache\" data-kind=\"startup-cache\">")
                .contains("dynamic AppCDS archive of the classes a training run loaded")
                .doesNotContain("id=\"runtime-cds-bytes\"");
        Path json = tmp.resolve("report.json");
        new ReportFormatter().writeJson(report, json);
        JsonNode startup = new ObjectMapper().readTree(Files.readString(json)).path("startup");
        assertThat(startup.path("cache").asText()).isEqualTo("cds");
        assertThat(startup.path("archive").asText()).isEqualTo("/app/startup/app.jsa");
        assertThat(startup.path("cacheBytes").asLong()).isEqualTo(CACHE);
        assertThat(startup.path("runtimeCdsBytes").isNull()).isTrue();
        assertThat(startup.path("explanation").asText()).contains("slim:verify");
    }

    @Test
    void aLinkedRuntimesDefaultCdsArchiveIsReportedWithoutAStartupCache() throws Exception {
        SizeReport report = report(new ReportBuilder().withRuntimeCdsBytes(25_964_544L), ReportFixtures.dockerfile(plan));

        assertThat(report.startup().cache()).isNull();
        assertThat(report.startup().runtimeCdsBytes()).isEqualTo(25_964_544L);
        assertThat(report.startup().explanation()).isEqualTo("The linked runtime carries the JDK's default CDS archive "
                + "(lib/server/classes.jsa and classes_nocoops.jsa, 26.0 MB of its layer): without it a linked runtime starts slower "
                + "than the JDK.");
        assertThat(new ReportFormatter().table(report)).anyMatch(l -> l.matches("  runtime CDS +26\\.0 MB  the JDK's default CDS "
                + "archive in the linked runtime \\(part of java-runtime\\)"))
                .noneMatch(l -> l.contains("startup cache"));
        assertThat(new HtmlReport().render(report)).contains("id=\"runtime-cds-bytes\" data-bytes=\"25964544\">26.0 MB</b>")
                .doesNotContain("id=\"startup-cache-bytes\"");
    }

    @Test
    void aRuntimeWithoutTheArchiveSaysItStartsSlowerAndAnImageWithNeitherHasNoStartupSection() {
        SizeReport without = report(new ReportBuilder().withRuntimeCdsBytes(0L), ReportFixtures.dockerfile(plan));
        SizeReport neither = report(new ReportBuilder(), ReportFixtures.dockerfile(plan));

        assertThat(new ReportFormatter().table(without)).anyMatch(l -> l.matches("  runtime CDS +0\\.0 kB  the linked runtime has no "
                + "default CDS archive: it starts slower"));
        assertThat(neither.startup()).isNull();
        assertThat(new HtmlReport().render(neither)).doesNotContain("<h2>Startup</h2>");
    }
}
