package dev.slimimage.plan;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.Layer;
import dev.slimimage.modules.ModuleChoice;
import dev.slimimage.modules.ModuleSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a build tool logs once the build context is written: the plan in a line, the layers, and for a linked
 * runtime every module with its reasons.
 *
 * @param dockerfile the written Dockerfile, as the user should see it (e.g. relative to the project directory)
 * @param modules the modules linked, for a jlink runtime
 */
public record PlanSummary(ImagePlan plan, Path dockerfile, Optional<ModuleSet> modules) {

    /** The lines to log as information. */
    public List<String> lines() {
        AppAnalysis app = plan.app();
        List<String> lines = new ArrayList<>();
        lines.add("Wrote " + dockerfile + ": " + app.layout().description() + ", main class " + app.mainClass() + ", Java "
                + app.javaRelease() + " (" + app.releaseSource() + "), runtime " + plan.runtimeImage());
        List<String> fromManifest = app.launchManifest().jvmOptions();
        if (!fromManifest.isEmpty()) {
            lines.add("  JVM options from the jar's manifest, as java -jar would apply them: " + String.join(" ", fromManifest));
        }
        if (!plan.args().isEmpty()) {
            lines.add("  default arguments (CMD): " + CommandLineWords.join(plan.args()));
        }
        for (Layer layer : app.layers()) {
            int files = layer.files().size();
            lines.add(String.format(Locale.ROOT, "  layer %-22s %5d file%s %10.1f kB", layer.name(), files,
                    files == 1 ? " " : "s", layer.bytes() / 1000.0));
        }
        if (plan.runtime() == RuntimeKind.JLINK && app.javaRelease() < RuntimeKind.FIRST_LINKING_RELEASE) {
            lines.add("Linking with " + plan.builderImage() + ": a Java " + app.javaRelease() + " JDK has no jlink, and a runtime "
                    + "linked by a newer JDK runs Java " + app.javaRelease() + " class files.");
        }
        plan.startupCache().ifPresent(cache -> lines.add("Startup cache: a " + cache.kind().description() + " for Java "
                + cache.javaRelease() + ", trained in a stage of its own by the run java " + cache.trainingOption()
                + (cache.trainingJvmFlags().isEmpty() ? "" : " " + CommandLineWords.join(cache.trainingJvmFlags())) + " … "
                + CommandLineWords.join(cache.trainingArgs()) + ", copied to " + cache.archivePath() + " as the last layer ("
                + StartupCache.LAYER + ", not reproducible); the application's classes are packed into jars, the only class "
                + "path entries the JVM archives."));
        modules.ifPresent(set -> {
            lines.add("Linking " + set.modules().size() + " modules: " + String.join(",", set.names()));
            set.modules().forEach(m -> lines.add("  " + m.name() + ": " + String.join("; ", m.reasons())));
            if (!set.libraryOnly().isEmpty()) {
                lines.add("  Only libraries use " + String.join(",", set.libraryOnly()) + ", not the application's classes: "
                        + "leave out any whose code path never runs with <excludeModules> (-Dslim.excludeModules).");
            }
            set.notLinked().forEach(m -> lines.add("  not linked: " + m.name() + " (" + String.join("; ", m.reasons())
                    + "); add it with <addModules> (-Dslim.addModules=" + m.name() + ")"));
        });
        return lines;
    }

    /** The lines to log as warnings, after {@link #lines()}: modules the user left out that the analysis wanted. */
    public List<String> warnings() {
        List<String> lines = new ArrayList<>();
        for (ModuleChoice m : modules.map(ModuleSet::excluded).orElse(List.of())) {
            lines.add("  left out by excludeModules: " + m.name() + " (" + String.join("; ", m.reasons()) + ")");
        }
        return lines;
    }
}
