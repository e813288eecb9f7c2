package dev.slimimage.modules;

import java.util.List;

/**
 * The modules to link, with reasons.
 *
 * @param method how the modules the code uses were found: {@code jdeps}, or a bytecode scan when the host JDK
 *     cannot read the classes; with {@code (cached)} when an earlier build's result was reused
 * @param includeLocales the {@code --include-locales} value, or empty for all locales / no locale data
 * @param excluded modules the user excluded that the analysis would have added, with the reasons they had
 * @param libraryOnly linked modules that only libraries use, not the application's classes (candidates for
 *     {@code excludeModules} when that library code never runs)
 * @param notLinked tooling modules (debugger, attach) that only libraries name, left out; {@code addModules} links them
 */
public record ModuleSet(List<ModuleChoice> modules, String method, String includeLocales, List<ModuleChoice> excluded,
                        List<String> libraryOnly, List<ModuleChoice> notLinked) {

    public ModuleSet {
        modules = List.copyOf(modules);
        excluded = List.copyOf(excluded);
        libraryOnly = List.copyOf(libraryOnly);
        notLinked = List.copyOf(notLinked);
    }

    public ModuleSet(List<ModuleChoice> modules, String method, String includeLocales, List<ModuleChoice> excluded) {
        this(modules, method, includeLocales, excluded, List.of(), List.of());
    }

    public List<String> names() {
        return modules.stream().map(ModuleChoice::name).toList();
    }
}
