package dev.slimimage.report;

import dev.slimimage.modules.ModuleChoice;
import java.util.List;

/**
 * What the build produced and what it saved against the naive single-stage JDK image.
 *
 * @param baselineBytes null when the JDK image was not available to measure against
 * @param runtimeBytes the base image plus a linked Java runtime: what every image on this runtime shares
 * @param dependenciesBytes the application's libraries
 * @param applicationBytes the application's own classes and resources, and the Spring Boot loader
 * @param moduleAnalysis how the linked runtime's modules were found; null unless the runtime is jlink
 * @param modules each linked module and why it is there; empty unless the runtime is jlink
 * @param excludedModules modules left out by {@code excludeModules}, with the reasons they would have had
 * @param libraryOnlyModules linked modules that only libraries use, not the application's classes
 * @param notLinkedModules tooling modules only libraries name, left out (with the reasons they would have had)
 */
public record SizeReport(
        String image,
        String imageId,
        long imageBytes,
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
        List<ModuleChoice> notLinkedModules) {

    public SizeReport {
        layers = List.copyOf(layers);
        modules = List.copyOf(modules);
        excludedModules = List.copyOf(excludedModules);
        libraryOnlyModules = List.copyOf(libraryOnlyModules);
        notLinkedModules = List.copyOf(notLinkedModules);
    }

    public SizeReport(String image, String imageId, long imageBytes, String runtime, String runtimeImage, String baselineImage,
                      Long baselineBytes, Long savedBytes, Double savedPercent, List<LayerSize> layers, long runtimeBytes,
                      long dependenciesBytes, long applicationBytes, String moduleAnalysis, List<ModuleChoice> modules,
                      List<ModuleChoice> excludedModules) {
        this(image, imageId, imageBytes, runtime, runtimeImage, baselineImage, baselineBytes, savedBytes, savedPercent, layers,
                runtimeBytes, dependenciesBytes, applicationBytes, moduleAnalysis, modules, excludedModules, List.of(), List.of());
    }

    /** One layer of the image, or the whole base image as one entry. */
    public record LayerSize(String name, long bytes) {}
}
