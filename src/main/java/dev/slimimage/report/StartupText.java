package dev.slimimage.report;

import static dev.slimimage.report.ReportFormatter.megabytes;

/** The words the report uses for the JVM's class-data caches, the same in report.json, the page and the log. */
final class StartupText {

    private StartupText() {
    }

    /** What the caches are, why the startup cache is the last layer, and what the runtime's default archive buys. */
    static String explanation(String cache, Long runtimeCdsBytes) {
        StringBuilder text = new StringBuilder();
        if (cache != null) {
            text.append(cache.equals("aot")
                    ? "An AOT cache (JDK 25+) of the classes a training run loaded and linked, with their method profiles, written "
                      + "while the image was built: the application starts faster and reaches full speed sooner."
                    : "A dynamic AppCDS archive of the classes a training run loaded while the image was built: the JVM maps them "
                      + "instead of loading and verifying them again, so the application starts faster.");
            text.append(" Its bytes differ on every build, so it is the image's last layer: the layers below stay identical, and a "
                    + "push sends only this one again. It fits only these classes and this Java runtime: the JVM silently starts "
                    + "without a cache that does not match, and slim:verify fails on one.");
        }
        if (runtimeCdsBytes != null) {
            text.append(text.isEmpty() ? "" : " ").append(runtimeCdsBytes > 0
                    ? "The linked runtime carries the JDK's default CDS archive (lib/server/classes.jsa and classes_nocoops.jsa, "
                      + megabytes(runtimeCdsBytes) + " of its layer): without it a linked runtime starts slower than the JDK."
                    : "The linked runtime has no default CDS archive: it starts slower than the JDK it was linked from.");
        }
        return text.toString();
    }

    /** The kind of startup cache in a few words. */
    static String describe(String cache) {
        return cache.equals("aot") ? "AOT cache" : "dynamic AppCDS archive";
    }
}
