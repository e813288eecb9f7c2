package dev.slimimage.modules;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The host JDK's modules: which module holds a package. Close enough for the builder JDK's, which jlink checks. */
public final class JdkModules {

    private final Map<String, String> moduleByPackage = new HashMap<>();
    private final Map<String, Set<String>> requires = new HashMap<>();
    private final Set<String> names = new TreeSet<>();
    private final Map<String, Boolean> existing = new ConcurrentHashMap<>();

    public JdkModules() {
        for (ModuleReference reference : ModuleFinder.ofSystem().findAll()) {
            ModuleDescriptor descriptor = reference.descriptor();
            names.add(descriptor.name());
            Set<String> required = new TreeSet<>();
            for (ModuleDescriptor.Requires r : descriptor.requires()) {
                if (!r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)) {
                    required.add(r.name());
                }
            }
            requires.put(descriptor.name(), required);
            for (String pkg : descriptor.packages()) {
                moduleByPackage.putIfAbsent(pkg, descriptor.name());
            }
        }
    }

    /** The module holding {@code packageName} (dotted), if it is a JDK package. */
    public Optional<String> moduleOfPackage(String packageName) {
        return Optional.ofNullable(moduleByPackage.get(packageName));
    }

    /** The module holding a class given by binary or internal name. */
    public Optional<String> moduleOfClass(String className) {
        String dotted = className.replace('/', '.');
        int lastDot = dotted.lastIndexOf('.');
        return lastDot < 0 ? Optional.empty() : moduleOfPackage(dotted.substring(0, lastDot));
    }

    /** The modules {@code module} requires at run time (not {@code requires static}); jlink links them too. */
    public Set<String> requires(String module) {
        return requires.getOrDefault(module, Set.of());
    }

    /**
     * The module holding a class given by internal name, if that module has the class: jdeps counts a reference to a
     * class the JDK does not have (one it removed, such as {@code sun.misc.BASE64Encoder}) as not found.
     */
    public Optional<String> moduleOfExistingClass(String internalName) {
        Optional<String> module = moduleOfClass(internalName);
        if (module.isEmpty()) {
            return module;
        }
        boolean found = existing.computeIfAbsent(internalName,
                name -> Files.isRegularFile(jrt().getPath("modules", module.get(), name + ".class")));
        return found ? module : Optional.empty();
    }

    private FileSystem jrt() {
        return FileSystems.getFileSystem(URI.create("jrt:/"));
    }

    public boolean exists(String module) {
        return names.contains(module);
    }
}
