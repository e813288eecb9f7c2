package dev.slimimage.report;

import dev.slimimage.analysis.Layer;
import dev.slimimage.docker.BuiltImage;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.dockerfile.DockerfileGenerator;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.dockerfile.Instruction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import dev.slimimage.modules.ModuleSet;

/** Puts the daemon's numbers next to the naive baseline. */
public final class ReportBuilder {

    private static final String BASE_PREFIX = "base image ";

    /**
     * @param modules the modules of a linked runtime; empty for the other runtimes
     * @param builderImageBytes the daemon's size of the JDK image, if it has it
     * @param naiveFilesBytes what a naive {@code COPY} of the jar and its dependencies adds on top of the JDK image
     */
    public SizeReport build(String image, ImagePlan plan, Dockerfile dockerfile, Optional<ModuleSet> modules, BuiltImage built,
                            OptionalLong builderImageBytes, long naiveFilesBytes) {
        Long baseline = builderImageBytes.isPresent() ? builderImageBytes.getAsLong() + naiveFilesBytes : null;
        Long saved = baseline == null ? null : baseline - built.sizeBytes();
        Double percent = baseline == null || baseline == 0 ? null : Math.round(saved * 1000.0 / baseline) / 10.0;
        List<SizeReport.LayerSize> layers = layerSizes(plan, dockerfile, built);
        long runtimeBytes = 0;
        long dependenciesBytes = 0;
        long applicationBytes = 0;
        for (SizeReport.LayerSize layer : layers) {
            if (layer.name().startsWith(BASE_PREFIX) || layer.name().equals(DockerfileGenerator.JAVA_RUNTIME_LAYER)) {
                runtimeBytes += layer.bytes();
            } else if (layer.name().contains("dependencies")) {
                dependenciesBytes += layer.bytes();
            } else {
                applicationBytes += layer.bytes();
            }
        }
        return new SizeReport(image, built.id(), built.sizeBytes(), plan.runtime().id(), plan.runtimeImage(),
                plan.builderImage(), baseline, saved, percent, layers, runtimeBytes, dependenciesBytes, applicationBytes,
                modules.map(ModuleSet::method).orElse(null),
                modules.map(ModuleSet::modules).orElse(List.of()),
                modules.map(ModuleSet::excluded).orElse(List.of()),
                modules.map(ModuleSet::libraryOnly).orElse(List.of()),
                modules.map(ModuleSet::notLinked).orElse(List.of()));
    }

    /**
     * The last N history entries are the N instructions of the final stage, newest first; everything older is
     * the base image. If the history does not line up (a daemon that squashes, say), staged sizes stand in.
     */
    static List<SizeReport.LayerSize> layerSizes(ImagePlan plan, Dockerfile dockerfile, BuiltImage built) {
        List<Instruction> instructions = dockerfile.finalStage().instructions();
        List<BuiltImage.HistoryEntry> history = built.history();
        int own = instructions.size();
        List<SizeReport.LayerSize> sizes = new ArrayList<>();
        if (history.size() > own && copiesLineUp(instructions, history)) {
            long base = history.subList(own, history.size()).stream().mapToLong(BuiltImage.HistoryEntry::sizeBytes).sum();
            sizes.add(new SizeReport.LayerSize(baseName(plan), base));
            for (int i = 0; i < own; i++) {
                if (instructions.get(i).layer() != null) {
                    sizes.add(new SizeReport.LayerSize(instructions.get(i).layer(), history.get(own - 1 - i).sizeBytes()));
                }
            }
            return sizes;
        }
        long staged = 0;
        List<SizeReport.LayerSize> appLayers = new ArrayList<>();
        for (Layer layer : plan.app().layers()) {
            appLayers.add(new SizeReport.LayerSize(layer.name(), layer.bytes()));
            staged += layer.bytes();
        }
        sizes.add(new SizeReport.LayerSize(baseName(plan), Math.max(0, built.sizeBytes() - staged)));
        sizes.addAll(appLayers);
        return sizes;
    }

    private static boolean copiesLineUp(List<Instruction> instructions, List<BuiltImage.HistoryEntry> history) {
        int own = instructions.size();
        for (int i = 0; i < own; i++) {
            boolean isCopy = instructions.get(i).layer() != null;
            boolean historyIsCopy = history.get(own - 1 - i).createdBy().contains("COPY ");
            if (isCopy != historyIsCopy) {
                return false;
            }
        }
        return true;
    }

    private static String baseName(ImagePlan plan) {
        return BASE_PREFIX + plan.runtimeImage();
    }
}
