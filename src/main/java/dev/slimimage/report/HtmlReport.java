package dev.slimimage.report;

import static dev.slimimage.report.ReportFormatter.megabytes;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import dev.slimimage.docker.ImageIds;
import dev.slimimage.modules.ModuleChoice;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) that draws the report.
 * Every value reaches the page through the template's {@code {{…}}}, which HTML-escapes it: image names, layer and
 * module names and reasons are the user's text.
 */
public final class HtmlReport {

    private static final String TEMPLATE = "report.html.mustache";
    private static final int CHART_X = 150;
    private static final int CHART_WIDTH = 600;
    private static final int STACK_WIDTH = 880;
    private static final int TABLE_BAR_WIDTH = 80;
    /** A layer of a few kB next to a base image of 300 MB would be invisible; it gets this many pixels. */
    private static final double MIN_SEGMENT = 2;

    private final Mustache template;

    public HtmlReport() {
        try (InputStream in = HtmlReport.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the plugin jar");
            }
            // Compiled from a string: the factory's own resolver would look in the thread's class loader, not the plugin's.
            template = new DefaultMustacheFactory().compile(new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)),
                    TEMPLATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String render(SizeReport report) {
        StringWriter out = new StringWriter();
        template.execute(out, view(report));
        return out.toString();
    }

    static Map<String, Object> view(SizeReport report) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("image", report.image());
        v.put("shortId", ImageIds.shortId(report.imageId()));
        v.put("runtime", report.runtime());
        v.put("runtimeImage", report.runtimeImage());
        v.put("imageBytes", report.imageBytes());
        v.put("imageSize", megabytes(report.imageBytes()));
        v.put("pushedBytes", report.pushedBytes() == null ? "" : report.pushedBytes());
        v.put("pushedSize", report.pushedBytes() == null ? "not measured" : megabytes(report.pushedBytes()));
        v.put("pushedNote", pushedNote(report));
        v.put("baselineImage", report.baselineImage());
        if (report.baselineBytes() != null) {
            v.put("baseline", Map.of("bytes", report.baselineBytes(), "size", megabytes(report.baselineBytes()),
                    "image", report.baselineImage(), "savedBytes", report.savedBytes(), "saved", megabytes(report.savedBytes()),
                    "percent", String.format(Locale.ROOT, "%.1f%% smaller", report.savedPercent())));
        }
        compare(report, v);
        v.put("stack", stack(report));
        v.put("kinds", kinds(report));
        v.put("layers", layers(report));
        v.put("changes", changes(report));
        if (report.budget() != null) {
            SizeReport.Budget budget = report.budget();
            List<String> limits = new ArrayList<>();
            if (budget.maxImageBytes() != null) {
                limits.add("maxImageSize " + megabytes(budget.maxImageBytes()));
            }
            if (budget.maxLayerBytes() != null) {
                limits.add("maxLayerSize " + megabytes(budget.maxLayerBytes()) + " (each layer this build adds)");
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("status", budget.exceeded() == null ? "within" : "over");
            b.put("limits", "Limits: " + String.join(", ", limits) + ".");
            b.put("exceeded", budget.exceeded() == null ? false : budget.exceeded() + ".");
            v.put("budget", b);
        }
        if (report.startup() != null) {
            v.put("startup", startup(report.startup()));
        }
        if (report.moduleAnalysis() != null) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("count", report.modules().size());
            j.put("analysis", report.moduleAnalysis());
            j.put("modules", modules(report.modules()));
            j.put("hasExcluded", !report.excludedModules().isEmpty());
            j.put("excluded", modules(report.excludedModules()));
            v.put("jlink", j);
        }
        return v;
    }

    private static Map<String, Object> startup(SizeReport.Startup startup) {
        Map<String, Object> s = new LinkedHashMap<>();
        if (startup.cache() != null) {
            Map<String, Object> cache = new LinkedHashMap<>();
            cache.put("kind", startup.cache());
            cache.put("kindText", StartupText.describe(startup.cache()));
            cache.put("archive", startup.archive());
            cache.put("layer", startup.layer());
            cache.put("bytes", startup.cacheBytes() == null ? "" : startup.cacheBytes());
            cache.put("size", startup.cacheBytes() == null ? "not measured" : megabytes(startup.cacheBytes()));
            s.put("cache", cache);
        }
        if (startup.runtimeCdsBytes() != null) {
            s.put("runtimeCds", Map.of("bytes", startup.runtimeCdsBytes(), "size", megabytes(startup.runtimeCdsBytes())));
        }
        s.put("explanation", startup.explanation());
        return s;
    }

    private static String pushedNote(SizeReport report) {
        boolean runtimeUnmeasured = report.layers().stream()
                .anyMatch(l -> l.kind().equals(ReportBuilder.JAVA_RUNTIME) && l.pushedBytes() == null);
        return "the layers this build adds" + (runtimeUnmeasured ? " except the linked runtime" : "")
                + "; the base image's layers go only to a registry that lacks them";
    }

    /** Two bars on one scale: the naive image, and this image split into its layers. */
    private static void compare(SizeReport report, Map<String, Object> v) {
        long max = Math.max(report.imageBytes(), report.baselineBytes() == null ? 0 : report.baselineBytes());
        List<Map<String, Object>> rows = new ArrayList<>();
        int y = 4;
        if (report.baselineBytes() != null) {
            rows.add(compareRow("naive baseline", y, List.of(segment("baseline", CHART_X, y,
                    scale(report.baselineBytes(), max, CHART_WIDTH), "naive baseline " + megabytes(report.baselineBytes()))),
                    megabytes(report.baselineBytes()), scale(report.baselineBytes(), max, CHART_WIDTH)));
            y += 34;
        }
        List<Map<String, Object>> segments = new ArrayList<>();
        double x = CHART_X;
        for (SizeReport.LayerSize layer : report.layers()) {
            double width = Math.max(MIN_SEGMENT, scale(layer.bytes(), max, CHART_WIDTH));
            segments.add(segment(layer.kind(), x, y, width, layer.name() + " " + megabytes(layer.bytes())));
            x += width;
        }
        rows.add(compareRow("this image", y, segments, megabytes(report.imageBytes()), x - CHART_X));
        v.put("compareRows", rows);
        v.put("compareHeight", y + 30);
    }

    private static Map<String, Object> compareRow(String label, int y, List<Map<String, Object>> segments, String value, double width) {
        return Map.of("label", label, "textY", y + 15, "segments", segments, "value", value,
                "valueX", format(CHART_X + width + 8));
    }

    private static Map<String, Object> segment(String kind, double x, int y, double width, String title) {
        return Map.of("kind", kind, "x", format(x), "y", y, "width", format(width), "title", title);
    }

    private static List<Map<String, Object>> stack(SizeReport report) {
        List<Map<String, Object>> stack = new ArrayList<>();
        int small = (int) report.layers().stream().filter(l -> scale(l.bytes(), report.imageBytes(), STACK_WIDTH) < MIN_SEGMENT).count();
        double room = STACK_WIDTH - small * MIN_SEGMENT;
        double x = 0;
        for (SizeReport.LayerSize layer : report.layers()) {
            double width = scale(layer.bytes(), report.imageBytes(), STACK_WIDTH) < MIN_SEGMENT ? MIN_SEGMENT
                    : scale(layer.bytes(), report.imageBytes(), room);
            stack.add(Map.of("kind", layer.kind(), "x", format(x), "width", format(width),
                    "title", layer.name() + " " + megabytes(layer.bytes())));
            x += width;
        }
        return stack;
    }

    private static List<Map<String, Object>> kinds(SizeReport report) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        report.layers().forEach(l -> byKind.merge(l.kind(), l.bytes(), Long::sum));
        List<Map<String, Object>> kinds = new ArrayList<>();
        byKind.forEach((kind, bytes) -> kinds.add(Map.of("kind", kind, "label", kindLabel(kind), "size", megabytes(bytes))));
        return kinds;
    }

    private static List<Map<String, Object>> layers(SizeReport report) {
        long biggest = report.layers().stream().mapToLong(SizeReport.LayerSize::bytes).max().orElse(1);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SizeReport.LayerSize layer : report.layers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", layer.name());
            row.put("kind", layer.kind());
            row.put("kindLabel", kindLabel(layer.kind()));
            row.put("bytes", layer.bytes());
            row.put("size", megabytes(layer.bytes()));
            row.put("barPixels", format(Math.max(1, scale(layer.bytes(), biggest, TABLE_BAR_WIDTH))));
            row.put("pushedBytes", layer.pushedBytes() == null ? "" : layer.pushedBytes());
            row.put("pushedSize", layer.pushedBytes() != null ? megabytes(layer.pushedBytes())
                    : layer.kind().equals(ReportBuilder.BASE_IMAGE) ? "from its registry" : "not measured");
            row.put("change", layer.change() == null ? "" : layer.change());
            row.put("changeText", layer.change() == null ? "–" : layer.change());
            if (layer.largestFile() != null) {
                row.put("largest", Map.of("name", layer.largestFile().name(), "size", megabytes(layer.largestFile().bytes())));
            }
            rows.add(row);
        }
        return rows;
    }

    private static String changes(SizeReport report) {
        SizeReport.PreviousBuild previous = report.previousBuild();
        if (previous == null) {
            return "Nothing to compare with: this is the first build of the project since target/ was cleaned, or the previous "
                    + "report has no layer ids.";
        }
        return previous.reusedLayers() + " layers reused and " + previous.newLayers() + " new since the previous build ("
                + ImageIds.shortId(previous.imageId()) + "): " + megabytes(previous.newBytes()) + " of new layers, "
                + megabytes(previous.newPushedBytes()) + " to push.";
    }

    private static List<Map<String, Object>> modules(List<ModuleChoice> modules) {
        return modules.stream().<Map<String, Object>>map(m -> Map.of("name", m.name(), "reasons", m.reasons())).toList();
    }

    static String kindLabel(String kind) {
        return switch (kind) {
            case ReportBuilder.BASE_IMAGE -> "base image";
            case ReportBuilder.JAVA_RUNTIME -> "Java runtime";
            case ReportBuilder.STARTUP_CACHE -> "startup cache";
            default -> kind;
        };
    }

    private static double scale(long bytes, long max, double width) {
        return max <= 0 ? 0 : bytes * width / max;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
