package dev.slimimage.modules;

import java.nio.file.Path;
import java.util.List;

/**
 * What the module analysis reads and what the user asked for.
 *
 * @param appRoots directories (or jars) holding the application's own classes
 * @param classPath dependency jars and directories
 * @param agentReason why {@code java.instrument} is needed (a {@code -javaagent} flag, a launcher agent), or null
 * @param locales {@code *} for all locale data, {@code none} for none, else a comma-separated list of language tags
 */
public record ModuleInputs(
        int release,
        List<Path> appRoots,
        List<Path> classPath,
        String agentReason,
        String locales,
        List<String> addModules,
        List<String> excludeModules) {

    public ModuleInputs {
        appRoots = List.copyOf(appRoots);
        classPath = List.copyOf(classPath);
        addModules = List.copyOf(addModules);
        excludeModules = List.copyOf(excludeModules);
    }
}
