package dev.slimimage.modules;

import java.io.IOException;
import java.io.UncheckedIOException;
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
            int highestRelease) {

        static final Result EMPTY = new Result(Map.of(), Map.of(), Map.of(), 0);

        Result merge(Result other) {
            return new Result(union(referencedModules, other.referencedModules), union(reflectiveModules, other.reflectiveModules),
                    union(serviceModules, other.serviceModules), Math.max(highestRelease, other.highestRelease));
        }

        private static Map<String, Set<String>> union(Map<String, Set<String>> a, Map<String, Set<String>> b) {
            Map<String, Set<String>> all = new TreeMap<>();
            a.forEach((k, v) -> all.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
            b.forEach((k, v) -> all.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
            return all;
        }
    }

    private final JdkModules jdk;
    private final int release;

    BytecodeScanner(JdkModules jdk, int release) {
        this.jdk = jdk;
        this.release = release;
    }

    /**
     * Reads the application's class directories and the dependency jars, several at a time. Direct references are
     * counted by jdeps' rules ({@link ClassReferences}), from the classes a JVM of {@code release} loads.
     */
    Result scan(List<Path> appRoots, List<Path> classPath) throws IOException {
        Result all = Result.EMPTY;
        for (Path root : appRoots) {
            all = all.merge(scanLocation(root, APPLICATION));
        }
        for (Result one : scanEach(classPath)) {
            all = all.merge(one);
        }
        return all;
    }

    /** One result per location, in order; the locations are read in parallel. */
    List<Result> scanEach(List<Path> locations) throws IOException {
        try {
            return locations.parallelStream().map(location -> {
                try {
                    return scanLocation(location, location.getFileName().toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Scans jars that merge many libraries (a shaded jar's), naming for each class the library its package came from;
     * what cannot be told (a relocated package) is named after the jar. Direct references are read from the constant
     * pool alone here, as before jdeps' rules were applied to the other jars.
     */
    Result scanBundled(List<ModuleInputs.BundledJar> jars) throws IOException {
        Result all = Result.EMPTY;
        for (ModuleInputs.BundledJar jar : jars) {
            String fallback = "bundled classes in " + jar.jar().getFileName();
            Scan scan = new Scan(false);
            scan.location(jar.jar(), entry -> jar.libraryByPackage().getOrDefault(packageOf(entry), fallback));
            all = all.merge(scan.result());
        }
        return all;
    }

    /** Reads one class directory or jar; every finding is named after {@code origin}. */
    Result scanLocation(Path location, String origin) throws IOException {
        Scan scan = new Scan(true);
        scan.location(location, entry -> origin);
        return scan.result();
    }

    static final String APPLICATION = "the application's classes";

    private static String packageOf(String entryName) {
        Matcher versioned = VERSIONED_ENTRY.matcher(entryName);
        String name = versioned.matches() ? versioned.group(2) : entryName;
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** One location's scan: not shared between threads. */
    private final class Scan {
        private final boolean jdepsRules;
        private final Map<String, Set<String>> classesByOrigin = new TreeMap<>();
        private final Map<String, Set<String>> referenced = new TreeMap<>();
        private final Map<String, Set<String>> reflective = new TreeMap<>();
        private final Map<String, Set<String>> services = new TreeMap<>();
        private int highestRelease;

        Scan(boolean jdepsRules) {
            this.jdepsRules = jdepsRules;
        }

        Result result() {
            classesByOrigin.forEach((origin, classes) -> {
                for (String type : classes) {
                    (jdepsRules ? jdk.moduleOfExistingClass(type) : jdk.moduleOfClass(type))
                            .filter(m -> !m.equals("java.base")).ifPresent(m -> add(referenced, m, origin));
                }
            });
            return new Result(referenced, reflective, services, highestRelease);
        }

        void location(Path location, Function<String, String> originOf) throws IOException {
            if (Files.isDirectory(location)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(location)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path file : files) {
                    String name = location.relativize(file).toString().replace('\\', '/');
                    try (InputStream in = Files.newInputStream(file)) {
                        entry(name, in, originOf, true);
                    }
                }
            } else if (location.getFileName().toString().endsWith(".jar") && Files.isRegularFile(location)) {
                try (JarFile jar = new JarFile(location.toFile(), false)) {
                    List<JarEntry> entries = jar.stream().filter(e -> !e.isDirectory()).toList();
                    Set<String> loaded = jdepsRules ? loadedEntries(jar, entries) : Set.of();
                    for (JarEntry entry : entries) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            entry(entry.getName(), in, originOf, loaded.contains(entry.getName()));
                        }
                    }
                }
            }
        }

        /**
         * The class entries whose references count, as jdeps picks them with {@code --multi-release}: in a multi-release
         * jar, of each class the variant for the highest Java version up to the release (the base one below Java 9).
         */
        private Set<String> loadedEntries(JarFile jar, List<JarEntry> entries) throws IOException {
            boolean multiRelease = jar.getManifest() != null
                    && "true".equalsIgnoreCase(jar.getManifest().getMainAttributes().getValue("Multi-Release"));
            Map<String, String> entryByClass = new TreeMap<>();
            Map<String, Integer> versionByClass = new TreeMap<>();
            Set<String> loaded = new java.util.HashSet<>();
            for (JarEntry entry : entries) {
                String name = entry.getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                Matcher versioned = VERSIONED_ENTRY.matcher(name);
                if (!multiRelease || !versioned.matches()) {
                    if (!multiRelease) {
                        loaded.add(name);
                    } else if (!versionByClass.containsKey(name)) {
                        entryByClass.put(name, name);
                        versionByClass.put(name, 0);
                    }
                    continue;
                }
                int version = Integer.parseInt(versioned.group(1));
                String base = versioned.group(2);
                if (release >= 9 && version <= release && version > versionByClass.getOrDefault(base, -1)) {
                    entryByClass.put(base, name);
                    versionByClass.put(base, version);
                }
            }
            loaded.addAll(entryByClass.values());
            return loaded;
        }

        private void entry(String name, InputStream in, Function<String, String> originOf, boolean loaded) throws IOException {
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
                scanClass(in.readAllBytes(), originOf.apply(name), loaded);
            }
        }

        private void scanClass(byte[] bytes, String origin, boolean loaded) {
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
            Set<String> classes = classesByOrigin.computeIfAbsent(origin, k -> new java.util.HashSet<>());
            if (jdepsRules) {
                if (loaded) {
                    ClassReferences.collect(reader, classes);
                }
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
                        case TAG_CLASS -> {
                            if (!jdepsRules) {
                                constantPoolClass(reader.readUTF8(offset, buffer), classes);
                            }
                        }
                        case TAG_STRING -> reflectiveHint(reader.readUTF8(offset, buffer), origin);
                        case TAG_NAME_AND_TYPE, TAG_METHOD_TYPE -> {
                            if (!jdepsRules) {
                                ClassReferences.descriptor(reader.readUTF8(tag == TAG_NAME_AND_TYPE ? offset + 2 : offset, buffer),
                                        classes::add);
                            }
                        }
                        default -> { }
                    }
                } catch (RuntimeException malformed) {
                    // An odd constant pool entry tells us nothing about modules; skip it.
                }
            }
        }

        private void constantPoolClass(String internalName, Set<String> classes) {
            if (internalName == null) {
                return;
            }
            if (internalName.startsWith("[")) {
                ClassReferences.descriptor(internalName, classes::add);
            } else {
                classes.add(internalName);
            }
        }

        private void reflectiveHint(String constant, String origin) {
            // Only what looks like a class name counts: property keys such as java.util.logging.config.file do not.
            // The prefix test first: it rules out nearly every string, and is cheaper than the pattern.
            if (constant == null || constant.length() > 200 || !(constant.startsWith("java") || constant.startsWith("sun.")
                    || constant.startsWith("com.sun.") || constant.startsWith("jdk.")) || !CLASS_NAME.matcher(constant).matches()) {
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
    }

    private static void add(Map<String, Set<String>> map, String module, String reason) {
        map.computeIfAbsent(module, k -> new TreeSet<>()).add(reason);
    }
}
