package dev.slimimage.report;

import static dev.slimimage.report.ReportFormatter.megabytes;

import dev.slimimage.plan.SizeBudget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks an image against its size budget and, when it breaks it, says in one sentence what is big and what would help. */
final class BudgetCheck {

    private static final int BIGGEST = 3;
    /** Over maxImageSize, a layer under 1/20 of the image is not worth advice: shrinking it would not help. */
    private static final int WORTH_SHRINKING = 20;

    private BudgetCheck() {
    }

    /** The sentence that fails the build, without its end; null when the image keeps every limit. */
    static String exceeded(SizeReport report, SizeBudget budget) {
        List<String> broken = new ArrayList<>();
        List<SizeReport.LayerSize> culprits = new ArrayList<>();
        List<SizeReport.LayerSize> bySize = report.layers().stream()
                .sorted(Comparator.comparingLong(SizeReport.LayerSize::bytes).reversed()).toList();
        if (budget.maxImageBytes() != null && report.imageBytes() > budget.maxImageBytes()) {
            broken.add("the image " + report.image() + " is " + megabytes(report.imageBytes()) + ", over maxImageSize "
                    + megabytes(budget.maxImageBytes()));
            bySize.stream().limit(BIGGEST).filter(l -> l == bySize.get(0) || l.bytes() * WORTH_SHRINKING >= report.imageBytes())
                    .forEach(culprits::add);
        }
        if (budget.maxLayerBytes() != null) {
            List<SizeReport.LayerSize> over = bySize.stream()
                    .filter(l -> !l.kind().equals(ReportBuilder.BASE_IMAGE) && l.bytes() > budget.maxLayerBytes()).toList();
            if (!over.isEmpty()) {
                broken.add((over.size() == 1 ? "its layer " : "its layers ") + describe(over) + (over.size() == 1 ? " is" : " are")
                        + " over maxLayerSize " + megabytes(budget.maxLayerBytes()));
                over.stream().filter(l -> !culprits.contains(l)).forEach(culprits::add);
            }
        }
        if (broken.isEmpty()) {
            return null;
        }
        String sentence = String.join(" and ", broken);
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1)
                + "; biggest layers: " + describe(bySize.subList(0, Math.min(BIGGEST, bySize.size())))
                + "; what would shrink it: " + String.join(", ", shrinkers(report, culprits));
    }

    private static String describe(List<SizeReport.LayerSize> layers) {
        return layers.stream().map(l -> l.name() + " " + megabytes(l.bytes())).collect(Collectors.joining(", "));
    }

    /** For each big layer, the setting or change that would make it smaller. */
    private static List<String> shrinkers(SizeReport report, List<SizeReport.LayerSize> culprits) {
        Set<String> fixes = new LinkedHashSet<>();
        for (SizeReport.LayerSize layer : culprits) {
            switch (layer.kind()) {
                case ReportBuilder.BASE_IMAGE -> fixes.add(slimmerRuntime(report));
                case ReportBuilder.JAVA_RUNTIME -> fixes.add("leaving out linked modules the application does not need with "
                        + "excludeModules (" + report.modules().size() + " are linked; report.html says why each is)");
                case ReportBuilder.DEPENDENCIES -> fixes.add(layer.largestFile() == null ? "fewer dependencies"
                        : "dropping or replacing " + layer.largestFile().name() + ", the largest file of the " + layer.name()
                        + " layer (" + megabytes(layer.largestFile().bytes()) + " of " + megabytes(layer.bytes()) + ")");
                default -> fixes.add(layer.largestFile() == null ? "fewer files in the " + layer.name() + " layer"
                        : "keeping " + layer.largestFile().name() + " (" + megabytes(layer.largestFile().bytes())
                        + ") out of the " + layer.name() + " layer");
            }
        }
        return List.copyOf(fixes);
    }

    private static String slimmerRuntime(SizeReport report) {
        return switch (report.runtime()) {
            case "jre" -> "a slimmer runtime (-Dslim.runtime=jlink links only the modules the application uses, "
                    + "-Dslim.runtime=distroless drops the shell and package manager)";
            case "distroless" -> "a slimmer runtime (-Dslim.runtime=jlink links only the modules the application uses "
                    + "instead of a whole JRE)";
            default -> "a smaller runtimeImage than " + report.runtimeImage();
        };
    }
}
