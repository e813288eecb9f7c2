package dev.slimimage.report;

import dev.slimimage.json.JsonWriter;
import java.nio.charset.StandardCharsets;
import dev.slimimage.docker.ImageIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the report as JSON for tools, as a page and as a short table for people. */
public final class ReportFormatter {

    public void writeJson(SizeReport report, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, JsonWriter.indented(report), StandardCharsets.UTF_8);
    }

    public void writeHtml(SizeReport report, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, new HtmlReport().render(report));
    }

    public List<String> table(SizeReport report) {
        List<String> lines = new ArrayList<>();
        int width = Math.max(12, report.layers().stream().mapToInt(l -> l.name().length()).max().orElse(0) + 2);
        String row = "  %-" + width + "s %10s  %s";
        lines.add("Image " + report.image() + " (" + ImageIds.shortId(report.imageId()) + "), runtime " + report.runtime());
        if (report.engine() != null) {
            lines.add("  built by " + report.engine().describe());
        }
        lines.add(String.format(Locale.ROOT, row, "size", megabytes(report.imageBytes()), "unpacked"));
        lines.add(String.format(Locale.ROOT, row, "pushed", report.pushedBytes() == null ? "n/a" : megabytes(report.pushedBytes()),
                "compressed: the layers this build adds, without the base image's"));
        if (report.baselineBytes() != null) {
            lines.add(String.format(Locale.ROOT, row, "baseline", megabytes(report.baselineBytes()),
                    "naive single-stage image on " + report.baselineImage()));
            lines.add(String.format(Locale.ROOT, row, "saved", megabytes(report.savedBytes()),
                    String.format(Locale.ROOT, "%.1f%%", report.savedPercent())));
        } else {
            lines.add(String.format(Locale.ROOT, row, "baseline", "n/a", report.baselineImage() + " is not on the daemon"));
        }
        lines.add(String.format(Locale.ROOT, row, "runtime", megabytes(report.runtimeBytes()),
                "base image" + (report.runtime().equals("jlink") ? " + linked Java runtime" : "")));
        lines.add(String.format(Locale.ROOT, row, "dependencies", megabytes(report.dependenciesBytes()), ""));
        lines.add(String.format(Locale.ROOT, row, "application", megabytes(report.applicationBytes()), ""));
        SizeReport.Startup startup = report.startup();
        if (startup != null && startup.cache() != null) {
            lines.add(String.format(Locale.ROOT, row, "startup cache", startup.cacheBytes() == null ? "n/a" : megabytes(startup.cacheBytes()),
                    StartupText.describe(startup.cache()) + " " + startup.archive() + ", trained while building; the last layer, as its "
                    + "bytes differ on every build"));
        }
        if (startup != null && startup.runtimeCdsBytes() != null) {
            lines.add(String.format(Locale.ROOT, row, "runtime CDS", megabytes(startup.runtimeCdsBytes()),
                    startup.runtimeCdsBytes() > 0 ? "the JDK's default CDS archive in the linked runtime (part of java-runtime)"
                    : "the linked runtime has no default CDS archive: it starts slower"));
        }
        if (report.moduleAnalysis() != null) {
            lines.add("  modules: " + report.modules().size() + " linked"
                    + (report.libraryOnlyModules().isEmpty() ? "" : " (" + report.libraryOnlyModules().size() + " only for libraries: "
                    + String.join(",", report.libraryOnlyModules()) + ")")
                    + ", found by " + report.moduleAnalysis()
                    + (report.excludedModules().isEmpty() ? "" : "; excluded: "
                    + String.join(",", report.excludedModules().stream().map(m -> m.name()).toList()))
                    + (report.notLinkedModules().isEmpty() ? "" : "; not linked (only libraries name them): "
                    + String.join(",", report.notLinkedModules().stream().map(m -> m.name()).toList())));
        }
        String layerRow = "  %-" + width + "s %10s %10s  %s";
        lines.add(String.format(Locale.ROOT, layerRow, "layers:", "unpacked", "pushed", ""));
        for (SizeReport.LayerSize layer : report.layers()) {
            lines.add(String.format(Locale.ROOT, layerRow, "  " + layer.name(), megabytes(layer.bytes()),
                    layer.pushedBytes() == null ? "-" : megabytes(layer.pushedBytes()), layer.change() == null ? "" : layer.change()));
        }
        SizeReport.PreviousBuild previous = report.previousBuild();
        if (previous != null) {
            lines.add("  since the previous build: " + previous.reusedLayers() + " layers reused, " + previous.newLayers() + " new ("
                    + megabytes(previous.newBytes()) + ", " + megabytes(previous.newPushedBytes()) + " to push)");
        }
        if (report.budget() != null) {
            lines.add("  budget: " + (report.budget().exceeded() == null ? "within" : "EXCEEDED")
                    + (report.budget().maxImageBytes() == null ? "" : ", maxImageSize " + megabytes(report.budget().maxImageBytes()))
                    + (report.budget().maxLayerBytes() == null ? "" : ", maxLayerSize " + megabytes(report.budget().maxLayerBytes())));
        }
        return lines.stream().map(String::stripTrailing).toList();
    }

    /** Decimal megabytes, as {@code docker images} prints them. */
    static String megabytes(long bytes) {
        if (bytes < 999_950) { // rounds to at most 999.9 kB; from there on it reads better as 1.0 MB
            return String.format(Locale.ROOT, "%.1f kB", bytes / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

}
