package dev.slimimage.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slimimage.docker.DaemonEngine;
import dev.slimimage.modules.ModuleChoice;
import dev.slimimage.report.SizeReport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The writer gives what Jackson gave for the same values, byte for byte, so report.json and the records keep their form. */
class JsonWriterTest {

    private enum Kind { JRE }

    private record Inner(String text, Long absent, double share, Kind kind) {}

    private record Outer(List<Inner> inners, Map<String, Object> map, List<String> none, Map<String, String> empty,
                         boolean flag, int count) {}

    private static SizeReport report() {
        List<String> diffIds = List.of("sha256:" + "a".repeat(64), "sha256:" + "b".repeat(64));
        return new SizeReport("my-app:1.0", "sha256:" + "c".repeat(64), 150_000_000, 18_140_000L, "jlink", "gcr.io/distroless/cc",
                "eclipse-temurin:17-jdk", 420_000_000L, 270_000_000L, 64.28571428571429,
                List.of(new SizeReport.LayerSize("base image", "base-image", 129_900_000, null, diffIds, "reused", null),
                        new SizeReport.LayerSize("classes", "classes", 58_000, 10_000L, List.of(), null,
                                new SizeReport.LargestFile("app/classes/Main.class", 4_000))),
                129_900_000, 20_042_000, 58_000, "jdeps 17 \"quoted\" \\ back\tslash \u0001 é",
                List.of(new ModuleChoice("java.base", List.of("always")), new ModuleChoice("java.sql", List.of())),
                List.of(), List.of("jdk.unsupported"), List.of(),
                new SizeReport.PreviousBuild("sha256:" + "e".repeat(64), 3, 1, 58_000, 10_000),
                new SizeReport.Budget(200_000_000L, null, "too big: line one\nline two"),
                new DaemonEngine(DaemonEngine.DOCKER, "20.10.24", "1.41", "unix:///var/run/docker.sock", false),
                new SizeReport.Startup("cds", "/app/app.jsa", "startup-cache", 40_000_000L, 0L, "why"));
    }

    @Test
    void aReportIsWrittenAsJacksonWroteIt() throws Exception {
        assertThat(JsonWriter.indented(report()))
                .isEqualTo(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report()));
        assertThat(JsonWriter.compact(report())).isEqualTo(new ObjectMapper().writeValueAsString(report()));
    }

    @Test
    void recordsMapsListsAndOddNumbersAreWrittenAsJacksonWroteThem() throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("nested", Map.of("deep", List.of(1L, 2.5, true)));
        map.put("null", null);
        map.put("nan", Double.NaN);
        map.put("records", List.of(new Inner("x", null, 0.1, Kind.JRE)));
        Outer outer = new Outer(List.of(new Inner("a", 1L, 1e-7, Kind.JRE), new Inner("b", null, 1e21, null)), map, List.of(),
                Map.of(), true, 3);

        for (Object value : List.of(outer, List.of(), Map.of(), List.of(List.of(), Map.of("k", List.of())), "text")) {
            assertThat(JsonWriter.indented(value)).as(String.valueOf(value))
                    .isEqualTo(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
            assertThat(JsonWriter.compact(value)).isEqualTo(new ObjectMapper().writeValueAsString(value));
        }
        assertThat(Json.parse(JsonWriter.compact(outer))).isEqualTo(Json.parse(new ObjectMapper().writeValueAsString(outer)));
    }
}
