package dev.slimimage.report;

import dev.slimimage.docker.DaemonEngine;
import dev.slimimage.modules.ModuleChoice;
import java.util.List;

/**
 * What the build produced and what it saved against the naive single-stage JDK image.
 *
 * @param pushedBytes what a push moves to a registry that already has the base image: the compressed (gzip) size of
 *                    the layers this build adds whose size was measured; null when none was
 * @param baselineBytes null when the JDK image was not available to measure against
 * @param runtimeBytes the base image plus a linked Java runtime: what every image on this runtime shares
 * @param dependenciesBytes the application's libraries
 * @param applicationBytes the application's own classes and resources, and the Spring Boot loader
 * @param moduleAnalysis how the linked runtime's modules were found; null unless the runtime is jlink
 * @param modules each linked module and why it is there; empty unless the runtime is jlink
 * @param excludedModules modules left out by {@code excludeModules}, with the reasons they would have had
 * @param libraryOnlyModules linked modules that only libraries use, not the application's classes
 * @param notLinkedModules tooling modules only libraries name, left out (with the reasons they would have had)
 * @param previousBuild which layers the previous build of this project already had; null for a first build
 * @param budget the size limits and whether the image kept them; null when no limit is set
 * @param engine the engine that built it: Docker or Podman, its version, local or remote, and its address
 * @param startup the JVM's class-data caches the image carries and their bytes; null when it has none that the build
 *                added or measured
 */
public record SizeReport(
        String image,
        String imageId,
        long imageBytes,
        Long pushedBytes,
        String runtime,
        String runtimeImage,
        String baselineImage,
        Long baselineBytes,
        Long savedBytes,
        Double savedPercent,
        List<LayerSize> layers,
        long runtimeBytes,
        long dependenciesBytes,
        long applicationBytes,
        String moduleAnalysis,
        List<ModuleChoice> modules,
        List<ModuleChoice> excludedModules,
        List<String> libraryOnlyModules,
        List<ModuleChoice> notLinkedModules,
        PreviousBuild previousBuild,
        Budget budget,
        DaemonEngine engine,
        Startup startup) {

    public SizeReport {
        layers = List.copyOf(layers);
        modules = List.copyOf(modules);
        excludedModules = List.copyOf(excludedModules);
        libraryOnlyModules = List.copyOf(libraryOnlyModules);
        notLinkedModules = List.copyOf(notLinkedModules);
    }

    /** A report of an image without startup caches. */
    public SizeReport(String image, String imageId, long imageBytes, Long pushedBytes, String runtime, String runtimeImage,
                      String baselineImage, Long baselineBytes, Long savedBytes, Double savedPercent, List<LayerSize> layers,
                      long runtimeBytes, long dependenciesBytes, long applicationBytes, String moduleAnalysis,
                      List<ModuleChoice> modules, List<ModuleChoice> excludedModules, List<String> libraryOnlyModules,
                      List<ModuleChoice> notLinkedModules, PreviousBuild previousBuild, Budget budget, DaemonEngine engine) {
        this(image, imageId, imageBytes, pushedBytes, runtime, runtimeImage, baselineImage, baselineBytes, savedBytes,
                savedPercent, layers, runtimeBytes, dependenciesBytes, applicationBytes, moduleAnalysis, modules, excludedModules,
                libraryOnlyModules, notLinkedModules, previousBuild, budget, engine, null);
    }

    /** A report of an image with no libraries' modules to tell apart (no jlink runtime, or none found). */
    public SizeReport(String image, String imageId, long imageBytes, Long pushedBytes, String runtime, String runtimeImage,
                      String baselineImage, Long baselineBytes, Long savedBytes, Double savedPercent, List<LayerSize> layers,
                      long runtimeBytes, long dependenciesBytes, long applicationBytes, String moduleAnalysis,
                      List<ModuleChoice> modules, List<ModuleChoice> excludedModules, PreviousBuild previousBuild, Budget budget,
                      DaemonEngine engine) {
        this(image, imageId, imageBytes, pushedBytes, runtime, runtimeImage, baselineImage, baselineBytes, savedBytes,
                savedPercent, layers, runtimeBytes, dependenciesBytes, applicationBytes, moduleAnalysis, modules, excludedModules,
                List.of(), List.of(), previousBuild, budget, engine);
    }

    /** This report with the size limits and whether the image kept them. */
    public SizeReport withBudget(Budget limits) {
        return new SizeReport(image, imageId, imageBytes, pushedBytes, runtime, runtimeImage, baselineImage, baselineBytes,
                savedBytes, savedPercent, layers, runtimeBytes, dependenciesBytes, applicationBytes, moduleAnalysis, modules,
                excludedModules, libraryOnlyModules, notLinkedModules, previousBuild, limits, engine, startup);
    }

    /**
     * One layer of the image, or the whole base image as one entry.
     *
     * @param kind what the layer holds: {@code base-image}, {@code java-runtime}, {@code dependencies}, {@code loader},
     *             {@code resources}, {@code classes}, {@code cache} or {@code application}
     * @param bytes unpacked, as the daemon counts it
     * @param pushedBytes compressed (gzip, as a push sends it); null where not measured (the base image, a linked runtime)
     * @param diffIds the daemon's diff ids of the layer (the base image's, of all its layers); empty when unknown
     * @param change {@code new} or {@code reused} against the previous build; null without a previous build or diff ids
     * @param largestFile the layer's largest file; null for the base image and a linked runtime
     */
    public record LayerSize(String name, String kind, long bytes, Long pushedBytes, List<String> diffIds, String change,
                            LargestFile largestFile) {

        public LayerSize {
            diffIds = List.copyOf(diffIds);
        }
    }

    /** A file of a layer by its name in the image, e.g. {@code commons-lang3-3.17.0.jar}, and its size. */
    public record LargestFile(String name, long bytes) {}

    /**
     * The previous build of this project, compared by diff id.
     *
     * @param newBytes unpacked size of the layers the previous build did not have
     * @param newPushedBytes compressed size of those of them whose compressed size was measured
     */
    public record PreviousBuild(String imageId, int reusedLayers, int newLayers, long newBytes, long newPushedBytes) {}

    /**
     * @param exceeded the sentence that fails the build; null when the image keeps its limits
     */
    public record Budget(Long maxImageBytes, Long maxLayerBytes, String exceeded) {}

    /**
     * The JVM's class-data caches: what makes the application start faster, and what they cost.
     *
     * @param cache {@code cds} (a dynamic AppCDS archive) or {@code aot} (an AOT cache, JDK 25+): the startup cache trained
     *              while the image was built; null without one
     * @param archive where that cache lives in the image; null without one
     * @param layer the name of its layer, the image's last; null without one
     * @param cacheBytes that layer's size, unpacked: not counted in runtime, dependencies or application bytes; null
     *                   without one
     * @param runtimeCdsBytes the linked runtime's default CDS archives ({@code lib/server/classes.jsa} and
     *                        {@code classes_nocoops.jsa}), part of the {@code java-runtime} layer; 0 when it has none, null
     *                        unless the runtime is linked and they were measured
     * @param explanation what they are and why the cache is the last layer, for people
     */
    public record Startup(String cache, String archive, String layer, Long cacheBytes, Long runtimeCdsBytes, String explanation) {}
}
