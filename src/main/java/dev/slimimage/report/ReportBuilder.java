package dev.slimimage.report;

import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.Layer;
import dev.slimimage.docker.BuiltImage;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.dockerfile.DockerfileGenerator;
import dev.slimimage.dockerfile.Instruction;
import dev.slimimage.modules.ModuleSet;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.StartupCache;
import dev.slimimage.plan.SizeBudget;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Puts the daemon's numbers next to the naive baseline, the compressed sizes, the previous build and the budget.
 *
 * @param pushedBytes the compressed size of the layers this build adds, by layer name, where measured
 * @param previous the previous build's report, to tell reused layers from new ones
 * @param budget the limits to check the image against
 * @param runtimeCdsBytes the size of the linked runtime's default CDS archives, when measured; else null
 */
public record ReportBuilder(Map<String, Long> pushedBytes, Optional<PreviousReport> previous, SizeBudget budget,
                            Long runtimeCdsBytes) {

    static final String BASE_PREFIX = "base image ";

    /** Kinds of layers, as {@link SizeReport.LayerSize#kind()} names them. */
    static final String BASE_IMAGE = "base-image";
    static final String JAVA_RUNTIME = "java-runtime";
    static final String DEPENDENCIES = "dependencies";
    /** The startup cache's layer, and its kind: the image's last layer, holding only the archive. */
    static final String STARTUP_CACHE = StartupCache.LAYER;
    /** The label the build gives an image with a startup cache; its value is {@code cds} or {@code aot}. */
    static final String STARTUP_CACHE_LABEL = StartupCache.LABEL;

    public ReportBuilder {
        pushedBytes = Map.copyOf(pushedBytes);
    }

    public ReportBuilder() {
        this(Map.of(), Optional.empty(), SizeBudget.NONE, null);
    }

    public ReportBuilder withPushedBytes(Map<String, Long> pushedBytesByLayer) {
        return new ReportBuilder(pushedBytesByLayer, previous, budget, runtimeCdsBytes);
    }

    public ReportBuilder comparedWith(Optional<PreviousReport> previousReport) {
        return new ReportBuilder(pushedBytes, previousReport, budget, runtimeCdsBytes);
    }

    public ReportBuilder within(SizeBudget sizeBudget) {
        return new ReportBuilder(pushedBytes, previous, sizeBudget, runtimeCdsBytes);
    }

    /** @param bytes the linked runtime's default CDS archives, as measured in the image; null when not measured */
    public ReportBuilder withRuntimeCdsBytes(Long bytes) {
        return new ReportBuilder(pushedBytes, previous, budget, bytes);
    }

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
        Long cacheBytes = null;
        Long pushed = null;
        for (SizeReport.LayerSize layer : layers) {
            switch (layer.kind()) {
                case BASE_IMAGE, JAVA_RUNTIME -> runtimeBytes += layer.bytes();
                case DEPENDENCIES -> dependenciesBytes += layer.bytes();
                case STARTUP_CACHE -> cacheBytes = (cacheBytes == null ? 0 : cacheBytes) + layer.bytes();
                default -> applicationBytes += layer.bytes();
            }
            if (layer.pushedBytes() != null) {
                pushed = (pushed == null ? 0 : pushed) + layer.pushedBytes();
            }
        }
        SizeReport report = new SizeReport(image, built.id(), built.sizeBytes(), pushed, plan.runtime().id(), plan.runtimeImage(),
                plan.builderImage(), baseline, saved, percent, layers, runtimeBytes, dependenciesBytes, applicationBytes,
                modules.map(ModuleSet::method).orElse(null),
                modules.map(ModuleSet::modules).orElse(List.of()),
                modules.map(ModuleSet::excluded).orElse(List.of()),
                modules.map(ModuleSet::libraryOnly).orElse(List.of()),
                modules.map(ModuleSet::notLinked).orElse(List.of()),
                previousBuild(layers), null, built.engine(), startup(dockerfile, cacheBytes));
        if (!budget.isSet()) {
            return report;
        }
        return report.withBudget(new SizeReport.Budget(budget.maxImageBytes(), budget.maxLayerBytes(),
                BudgetCheck.exceeded(report, budget)));
    }

    /**
     * The last N history entries are the N instructions of the final stage, newest first; everything older is
     * the base image. If the history does not line up (a daemon that squashes, say), staged sizes stand in.
     * The last diff ids are the final stage's COPY layers in order, when the rest are exactly the base image's.
     */
    List<SizeReport.LayerSize> layerSizes(ImagePlan plan, Dockerfile dockerfile, BuiltImage built) {
        List<Instruction> instructions = dockerfile.finalStage().instructions();
        List<BuiltImage.HistoryEntry> history = built.history();
        int own = instructions.size();
        List<SizeReport.LayerSize> sizes = new ArrayList<>();
        if (history.size() > own && copiesLineUp(instructions, history)) {
            long base = history.subList(own, history.size()).stream().mapToLong(BuiltImage.HistoryEntry::sizeBytes).sum();
            List<String> diffIds = built.diffIds();
            int copies = (int) instructions.stream().filter(i -> i.layer() != null).count();
            boolean idsLineUp = !built.baseDiffIds().isEmpty() && diffIds.size() == built.baseDiffIds().size() + copies
                    && diffIds.subList(0, built.baseDiffIds().size()).equals(built.baseDiffIds());
            long listedBytes = 0;
            for (int i = 0; i < own; i++) {
                if (!(instructions.get(i) instanceof Instruction.CopyOwned)) {
                    listedBytes += history.get(own - 1 - i).sizeBytes();
                }
            }
            // Podman's image size also counts the image's config and manifest (a few kB) that no history entry has, and
            // the unlisted working directory's layer as its tar (1.5 kB); the base image's row takes them, so that the
            // rows still add up to the image.
            long metadata = Math.max(0, built.sizeBytes() - base - listedBytes);
            sizes.add(layer(baseName(plan), BASE_IMAGE, base + metadata, idsLineUp ? built.baseDiffIds() : List.of(), null));
            int copy = 0;
            for (int i = 0; i < own; i++) {
                String name = instructions.get(i).layer();
                if (name != null) {
                    List<String> ids = idsLineUp ? List.of(diffIds.get(built.baseDiffIds().size() + copy)) : List.of();
                    copy++;
                    // The working directory is an empty directory: no size worth a line, and the staged fallback has none either.
                    if (!(instructions.get(i) instanceof Instruction.CopyOwned)) {
                        sizes.add(layer(name, kind(name), history.get(own - 1 - i).sizeBytes(), ids, largestFile(plan, name)));
                    }
                }
            }
            return sizes;
        }
        long staged = 0;
        List<SizeReport.LayerSize> appLayers = new ArrayList<>();
        for (Layer layer : plan.app().layers()) {
            appLayers.add(layer(layer.name(), kind(layer.name()), layer.bytes(), List.of(), largestFile(plan, layer.name())));
            staged += layer.bytes();
        }
        sizes.add(layer(baseName(plan), BASE_IMAGE, Math.max(0, built.sizeBytes() - staged), List.of(), null));
        sizes.addAll(appLayers);
        return sizes;
    }

    private SizeReport.LayerSize layer(String name, String kind, long bytes, List<String> diffIds, SizeReport.LargestFile largest) {
        String change = null;
        if (previous.isPresent() && !diffIds.isEmpty()) {
            change = previous.get().diffIds().containsAll(diffIds) ? "reused" : "new";
        }
        return new SizeReport.LayerSize(name, kind, bytes, kind.equals(BASE_IMAGE) ? null : pushedBytes.get(name), diffIds, change,
                largest);
    }

    private SizeReport.PreviousBuild previousBuild(List<SizeReport.LayerSize> layers) {
        if (previous.isEmpty() || layers.stream().anyMatch(l -> l.change() == null)) {
            return null;
        }
        int reused = 0;
        int added = 0;
        long newBytes = 0;
        long newPushed = 0;
        for (SizeReport.LayerSize layer : layers) {
            if (layer.change().equals("reused")) {
                reused++;
            } else {
                added++;
                newBytes += layer.bytes();
                newPushed += layer.pushedBytes() == null ? 0 : layer.pushedBytes();
            }
        }
        return new SizeReport.PreviousBuild(previous.get().imageId(), reused, added, newBytes, newPushed);
    }

    /**
     * The startup cache the final stage copies in, with its size when the history gave it, and the linked runtime's
     * default CDS archives; null when the image has neither.
     */
    private SizeReport.Startup startup(Dockerfile dockerfile, Long cacheBytes) {
        List<Instruction> instructions = dockerfile.finalStage().instructions();
        Optional<Instruction.CopyFromStage> copy = instructions.stream().filter(i -> i instanceof Instruction.CopyFromStage)
                .map(i -> (Instruction.CopyFromStage) i).filter(c -> c.layer().equals(STARTUP_CACHE)).findFirst();
        if (copy.isEmpty() && runtimeCdsBytes == null) {
            return null;
        }
        String archive = copy.map(c -> c.destination().endsWith("/")
                ? c.destination() + c.source().substring(c.source().lastIndexOf('/') + 1) : c.destination()).orElse(null);
        String kind = archive == null ? null : instructions.stream().filter(i -> i instanceof Instruction.Labels)
                .map(i -> ((Instruction.Labels) i).labels().get(STARTUP_CACHE_LABEL)).filter(java.util.Objects::nonNull).findFirst()
                .orElse(archive.endsWith(".aot") ? "aot" : "cds");
        return new SizeReport.Startup(kind, archive, copy.map(Instruction::layer).orElse(null), archive == null ? null : cacheBytes,
                runtimeCdsBytes, StartupText.explanation(kind, runtimeCdsBytes));
    }

    /** What a layer holds, by the name the analysis or the Dockerfile gave it. */
    static String kind(String layerName) {
        if (layerName.equals(DockerfileGenerator.JAVA_RUNTIME_LAYER)) {
            return JAVA_RUNTIME;
        }
        if (layerName.equals(STARTUP_CACHE)) {
            return STARTUP_CACHE;
        }
        if (layerName.contains("dependencies")) {
            return DEPENDENCIES;
        }
        if (layerName.contains("cache")) {
            return "cache";
        }
        return switch (layerName) {
            // The plugin's agent jar that starts a Launcher-Agent-Class is launch machinery, as Spring Boot's loader is.
            case Layer.LAUNCHER_AGENT -> Layer.LOADER;
            case Layer.LOADER, Layer.RESOURCES, Layer.CLASSES -> layerName;
            default -> "application";
        };
    }

    private static SizeReport.LargestFile largestFile(ImagePlan plan, String layerName) {
        return plan.app().layers().stream().filter(l -> l.name().equals(layerName)).flatMap(l -> l.files().stream())
                .max(Comparator.comparingLong((ImageFile f) -> f.source().size()))
                .map(f -> new SizeReport.LargestFile(f.imagePath().substring(f.imagePath().lastIndexOf('/') + 1), f.source().size()))
                .orElse(null);
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
