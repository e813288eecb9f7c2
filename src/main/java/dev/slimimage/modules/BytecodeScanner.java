package dev.slimimage.modules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;

/**
 * Reads every class of the application and its dependencies without loading them, and records what a plain
 * jdeps run cannot see: class names held in string constants (reflection), service files, and the highest
 * class-file version. Also records the JDK modules the code references directly, for when jdeps cannot run.
 */
final class BytecodeScanner {

    /** Class-name prefixes that code reaches reflectively, and the small module each one needs. */
    static final Map<String, String> REFLECTIVE_HINTS = Map.ofEntries(
            Map.entry("sun.misc.", "jdk.unsupported"),
            Map.entry("sun.reflect.", "jdk.unsupported"),
            Map.entry("com.sun.management.", "jdk.management"),
            Map.entry("jdk.jfr.", "jdk.jfr"),
            Map.entry("javax.script.", "java.scripting"),
            Map.entry("com.sun.net.httpserver.", "jdk.httpserver"),
            Map.entry("java.sql.", "java.sql"),
            Map.entry("javax.naming.", "java.naming"),
            Map.entry("java.lang.management.", "java.management"),
            Map.entry("javax.management.", "java.management"),
            Map.entry("java.util.logging.", "java.logging"),
            Map.entry("java.lang.instrument.", "java.instrument"),
            Map.entry("java.net.http.", "java.net.http"),
            Map.entry("jdk.net.", "jdk.net"));

    private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-z_][\\w]*\\.)+[A-Z][\\w$]*");
    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L([\\w/$]+);");
    private static final Pattern VERSIONED_ENTRY = Pattern.compile("META-INF/versions/(\\d+)/(.+)");
    private static final int TAG_CLASS = 7;
    private static final int TAG_STRING = 8;
    private static final int TAG_NAME_AND_TYPE = 12;
    private static final int TAG_METHOD_TYPE = 16;

    /** What one scan found; every module maps to the places (jar names) that need it. */
    record Result(
            Map<String, Set<String>> referencedModules,
            Map<String, Set<String>> reflectiveModules,
            Map<String, Set<String>> serviceModules,
            int highestRelease) {}

    private final JdkModules jdk;
    private final int release;
    private final Map<String, Set<String>> referenced = new TreeMap<>();
    private final Map<String, Set<String>> reflective = new TreeMap<>();
    private final Map<String, Set<String>> services = new TreeMap<>();
    private int highestRelease;

    BytecodeScanner(JdkModules jdk, int release) {
        this.jdk = jdk;
        this.release = release;
    }

    Result scan(List<Path> appRoots, List<Path> classPath) throws IOException {
        for (Path root : appRoots) {
            scanLocation(root, entry -> APPLICATION);
        }
        for (Path entry : classPath) {
            String name = entry.getFileName().toString();
            scanLocation(entry, e -> name);
        }
        return new Result(referenced, reflective, services, highestRelease);
    }

    /**
     * Scans jars that merge many libraries (a shaded jar's), naming for each class the library its package came from;
     * what cannot be told (a relocated package) is named after the jar.
     */
    Result scanBundled(List<ModuleInputs.BundledJar> jars) throws IOException {
        for (ModuleInputs.BundledJar jar : jars) {
            String fallback = "bundled classes in " + jar.jar().getFileName();
            scanLocation(jar.jar(), entry -> jar.libraryByPackage().getOrDefault(packageOf(entry), fallback));
        }
        return new Result(referenced, reflective, services, highestRelease);
    }

    static final String APPLICATION = "the application's classes";

    private static String packageOf(String entryName) {
        Matcher versioned = VERSIONED_ENTRY.matcher(entryName);
        String name = versioned.matches() ? versioned.group(2) : entryName;
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    private void scanLocation(Path location, Function<String, String> originOf) throws IOException {
        if (Files.isDirectory(location)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(location)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path file : files) {
                String name = location.relativize(file).toString().replace('\\', '/');
                try (InputStream in = Files.newInputStream(file)) {
                    scanEntry(name, in, originOf);
                }
            }
        } else if (location.getFileName().toString().endsWith(".jar") && Files.isRegularFile(location)) {
            try (JarFile jar = new JarFile(location.toFile(), false)) {
                for (JarEntry entry : jar.stream().filter(e -> !e.isDirectory()).toList()) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        scanEntry(entry.getName(), in, originOf);
                    }
                }
            }
        }
    }

    private void scanEntry(String name, InputStream in, Function<String, String> originOf) throws IOException {
        Matcher versioned = VERSIONED_ENTRY.matcher(name);
        if (versioned.matches() && Integer.parseInt(versioned.group(1)) > release) {
            return; // a multi-release variant the target JVM will never load
        }
        if (name.startsWith("META-INF/services/") && name.indexOf('/', "META-INF/services/".length()) < 0) {
            String service = name.substring("META-INF/services/".length());
            Optional<String> module = jdk.moduleOfClass(service).filter(m -> !m.equals("java.base"));
            if (module.isPresent()) {
                // A merged services file names providers of several libraries: each provider tells whose it is.
                Set<String> providers = new TreeSet<>();
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                    String provider = line.replaceAll("#.*", "").strip();
                    if (!provider.isEmpty()) {
                        providers.add(originOf.apply(provider.replace('.', '/') + ".class"));
                    }
                }
                if (providers.isEmpty()) {
                    providers.add(originOf.apply(name));
                }
                providers.forEach(origin -> add(services, module.get(), origin + " provides " + service));
            }
            return;
        }
        if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
            scanClass(in.readAllBytes(), originOf.apply(name));
        }
    }

    private void scanClass(byte[] bytes, String origin) {
        if (bytes.length < 8) {
            return;
        }
        int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
        highestRelease = Math.max(highestRelease, major - 44);
        ClassReader reader;
        try {
            reader = new ClassReader(bytes);
        } catch (RuntimeException newerThanAsm) {
            return;
        }
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0) {
                continue;
            }
            int tag = bytes[offset - 1];
            try {
                switch (tag) {
                    case TAG_CLASS -> referenceClass(reader.readUTF8(offset, buffer), origin);
                    case TAG_STRING -> reflectiveHint(reader.readUTF8(offset, buffer), origin);
                    case TAG_NAME_AND_TYPE -> referenceDescriptor(reader.readUTF8(offset + 2, buffer), origin);
                    case TAG_METHOD_TYPE -> referenceDescriptor(reader.readUTF8(offset, buffer), origin);
                    default -> { }
                }
            } catch (RuntimeException malformed) {
                // An odd constant pool entry tells us nothing about modules; skip it.
            }
        }
    }

    private void referenceClass(String internalName, String origin) {
        if (internalName == null) {
            return;
        }
        if (internalName.startsWith("[")) {
            referenceDescriptor(internalName, origin);
            return;
        }
        jdk.moduleOfClass(internalName).filter(m -> !m.equals("java.base")).ifPresent(m -> add(referenced, m, origin));
    }

    private void referenceDescriptor(String descriptor, String origin) {
        if (descriptor == null) {
            return;
        }
        Matcher m = DESCRIPTOR_CLASS.matcher(descriptor);
        while (m.find()) {
            referenceClass(m.group(1), origin);
        }
    }

    private void reflectiveHint(String constant, String origin) {
        // Only what looks like a class name counts: property keys such as java.util.logging.config.file do not.
        if (constant == null || constant.length() > 200 || !CLASS_NAME.matcher(constant).matches()) {
            return;
        }
        for (Map.Entry<String, String> hint : REFLECTIVE_HINTS.entrySet()) {
            if (constant.startsWith(hint.getKey()) && constant.length() > hint.getKey().length()
                    && Character.isJavaIdentifierStart(constant.charAt(hint.getKey().length()))) {
                add(reflective, hint.getValue(), origin + " names " + constant);
                return;
            }
        }
    }

    private static void add(Map<String, Set<String>> map, String module, String reason) {
        map.computeIfAbsent(module, k -> new TreeSet<>()).add(reason);
    }
}
