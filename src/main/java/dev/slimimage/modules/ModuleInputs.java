package dev.slimimage.modules;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the module analysis reads and what the user asked for.
 *
 * @param appRoots directories (or jars) holding the application's own classes
 * @param classPath dependency jars and directories
 * @param bundled jars that merge many libraries (a shaded jar's), read by the bytecode scan alone: jdeps takes minutes
 *     over tens of thousands of classes, and stops at the module descriptors such a jar carries in META-INF/versions
 * @param agentReason why {@code java.instrument} is needed for a {@code -javaagent} flag of the user's, or null
 * @param locales {@code *} for all locale data, {@code none} for none, else a comma-separated list of language tags
 * @param launchModules modules the way the application is started names (the manifest's {@code Add-Exports} and
 *     {@code Add-Opens}, and {@code java.instrument} for its {@code Launcher-Agent-Class}), each with its reason
 */
public record ModuleInputs(
        int release,
        List<Path> appRoots,
        List<Path> classPath,
        String agentReason,
        String locales,
        List<String> addModules,
        List<String> excludeModules,
        Map<String, String> launchModules,
        List<BundledJar> bundled) {

    /**
     * One jar of bundled libraries.
     *
     * @param libraryByPackage the library (a dependency's file name) each package directory came from
     */
    public record BundledJar(Path jar, Map<String, String> libraryByPackage) {
        public BundledJar {
            libraryByPackage = Map.copyOf(libraryByPackage);
        }
    }

    /** Inputs for an application whose start names no module and that bundles no libraries. */
    public ModuleInputs(int release, List<Path> appRoots, List<Path> classPath, String agentReason, String locales,
                        List<String> addModules, List<String> excludeModules) {
        this(release, appRoots, classPath, agentReason, locales, addModules, excludeModules, Map.of(), List.of());
    }

    public ModuleInputs {
        launchModules = Map.copyOf(launchModules);
        appRoots = List.copyOf(appRoots);
        classPath = List.copyOf(classPath);
        bundled = List.copyOf(bundled);
        addModules = List.copyOf(addModules);
        excludeModules = List.copyOf(excludeModules);
    }
}
