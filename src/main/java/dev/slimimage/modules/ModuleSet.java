package dev.slimimage.modules;

import java.util.List;

/**
 * The modules to link, with reasons.
 *
 * @param method how the modules the code uses were found: {@code jdeps}, or a bytecode scan when the host JDK
 *     cannot read the classes; with {@code (cached)} when an earlier build's result was reused
 * @param includeLocales the {@code --include-locales} value, or empty for all locales / no locale data
 * @param excluded modules the user excluded that the analysis would have added, with the reasons they had
 */
public record ModuleSet(List<ModuleChoice> modules, String method, String includeLocales, List<ModuleChoice> excluded) {

    public ModuleSet {
        modules = List.copyOf(modules);
        excluded = List.copyOf(excluded);
    }

    public List<String> names() {
        return modules.stream().map(ModuleChoice::name).toList();
    }
}
