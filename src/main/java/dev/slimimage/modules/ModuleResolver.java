package dev.slimimage.modules;

import dev.slimimage.json.Json;
import dev.slimimage.json.JsonFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Decides which JDK modules a linked runtime needs, and why. Runs on the host during the Maven build, so the
 * image build's jlink step depends only on the JDK image and the resulting list.
 *
 * <p>The code's own module use is read from the class files by jdeps' rules, in process, several jars at a time, each
 * jar cached by its content: jdeps itself took minutes over large applications. Direct use alone misses what code reaches through services, providers and reflection, so the resolver adds:
 * small modules that are always worth having, modules named in string constants that code loads reflectively,
 * modules of service types the jars provide, providers that go with modules already in, and the user's overrides.
 */
public final class ModuleResolver {

    /** Bump when the rules change, so cached results from older rules are not reused. */
    private static final String RULES_VERSION = "8";
    private static final String CACHE_FILE = "modules-cache.json";

    static final Map<String, String> ALWAYS = new LinkedHashMap<>();
    static {
        ALWAYS.put("java.base", "the Java runtime itself");
        ALWAYS.put("jdk.crypto.ec", "elliptic-curve crypto for TLS and EC keys (JDK 17-21 keep it outside java.base); always in, tiny");
        ALWAYS.put("jdk.charsets", "charsets outside java.base, looked up by name at run time (Charset.forName, new String(bytes, name)); "
                + "always in, about 1 MB");
        ALWAYS.put("jdk.zipfs", "the zip/jar file system provider (FileSystems.newFileSystem); always in, tiny");
        ALWAYS.put("jdk.unsupported", "sun.misc.Unsafe and sun.reflect, which libraries reach reflectively; always in, tiny");
    }

    /** Providers that only work when a module is in: if the key is in, the value goes in too. */
    static final Map<String, String> COMPANIONS = Map.of(
            "java.naming", "jdk.naming.dns",
            "java.management", "jdk.management",
            "java.net.http", "jdk.crypto.ec");

    private static final Map<String, String> COMPANION_REASONS = Map.of(
            "jdk.naming.dns", "the DNS provider for JNDI, which goes with java.naming",
            "jdk.management", "com.sun.management MXBeans (CPU, memory) that metrics libraries load reflectively, with java.management",
            "jdk.crypto.ec", "TLS for java.net.http");

    /**
     * Tools' modules: a debugger, attaching to JVMs, the serviceability agent. Libraries name them on optional code
     * paths (javassist's HotSwapper, agents that attach to their own JVM); an application that needs them in its
     * image says so with addModules, or uses them in its own classes.
     */
    static final Map<String, String> TOOLING = Map.of(
            "jdk.jdi", "the debugger interface",
            "jdk.attach", "the attach API for tools and agents",
            "jdk.jdwp.agent", "the debugger's wire protocol agent",
            "jdk.hotspot.agent", "the serviceability agent");

    private static final String USED_BY_LIBRARIES = "used only by libraries: ";
    private static final String REFLECTIVE_BY_LIBRARIES = "reached reflectively, only by libraries: ";
    private static final String SERVICE_OF_LIBRARIES = "service, only of libraries: ";

    private final JdkModules jdk = new JdkModules();

    /** The hex SHA-256 of a file's content; the pipeline remembers it between builds. */
    @FunctionalInterface
    public interface ContentDigest {
        String sha256(Path file) throws IOException;
    }

    /**
     * @param cacheDirectory where the analysis is kept between builds. The application's classes and each dependency
     *     jar are analysed and cached apart, the jars by content: after a change to the application only its classes
     *     are read again, after a dependency change only the jars that changed
     * @param digests the SHA-256 of a file's content, by which its analysis is kept
     */
    public ModuleSet resolve(ModuleInputs inputs, Path cacheDirectory, ContentDigest digests, Consumer<String> log)
            throws IOException {
        Path cacheFile = cacheDirectory.resolve(CACHE_FILE);
        Map<String, CodeAnalysis> cache = readCache(cacheFile);
        Map<String, CodeAnalysis> keep = new TreeMap<>();
        List<Path> bundledJars = inputs.bundled().stream().map(ModuleInputs.BundledJar::jar).toList();
        String applicationKey = partKey("application", inputs.release(), inputs.appRoots(), digests);
        String bundledKey = partKey("bundled " + inputs.bundled().stream().map(j -> new TreeMap<>(j.libraryByPackage()).toString())
                .toList(), inputs.release(), bundledJars, digests);
        CodeAnalysis application = cache.get(applicationKey);
        CodeAnalysis bundled = cache.get(bundledKey);
        boolean applicationCached = application != null;
        BytecodeScanner scanner = new BytecodeScanner(jdk, inputs.release());
        if (application == null) {
            BytecodeScanner.Result scan = BytecodeScanner.Result.EMPTY;
            for (Path root : inputs.appRoots()) {
                scan = scan.merge(scanner.scanLocation(root, BytecodeScanner.APPLICATION));
            }
            application = CodeAnalysis.of(scan);
        }
        // Each jar by its content: jars from a Maven repository never change, so a new or updated one is all that is read.
        Map<String, CodeAnalysis> jars = new TreeMap<>();
        List<String> jarKeys = new ArrayList<>();
        List<Path> toRead = new ArrayList<>();
        List<String> toReadKeys = new ArrayList<>();
        for (Path entry : inputs.classPath()) {
            String key = partKey("dependency", inputs.release(), List.of(entry), digests);
            jarKeys.add(key);
            if (cache.containsKey(key)) {
                jars.put(key, cache.get(key));
            } else if (!toReadKeys.contains(key)) {
                toRead.add(entry);
                toReadKeys.add(key);
            }
        }
        List<BytecodeScanner.Result> read = scanner.scanEach(toRead);
        for (int i = 0; i < toRead.size(); i++) {
            jars.put(toReadKeys.get(i), CodeAnalysis.of(read.get(i)));
        }
        CodeAnalysis dependencies = CodeAnalysis.EMPTY;
        for (String key : jarKeys) {
            keep.put(key, jars.get(key));
            dependencies = dependencies.merge(jars.get(key));
        }
        boolean dependenciesCached = toRead.isEmpty() && bundled != null;
        if (bundled == null) {
            bundled = scanBundled(inputs.release(), inputs.bundled());
        }
        Files.createDirectories(cacheDirectory);
        keep.put(applicationKey, application);
        keep.put(bundledKey, bundled);
        JsonFiles.replace(cacheFile, keep);

        String method = describe(Math.max(application.highestRelease(), dependencies.highestRelease()), bundled);
        boolean hasDependencies = !inputs.classPath().isEmpty() || !bundledJars.isEmpty();
        if (dependenciesCached && applicationCached) {
            method += " (cached: classes and dependencies unchanged)";
        } else if (dependenciesCached && hasDependencies) {
            method += " (dependencies unchanged: their analysis reused)";
        } else {
            List<String> notes = new ArrayList<>();
            if (applicationCached && !inputs.appRoots().isEmpty()) {
                notes.add("application classes unchanged: their analysis reused");
            }
            int distinctJars = new java.util.HashSet<>(jarKeys).size();
            if (!toRead.isEmpty() && toRead.size() < distinctJars) {
                notes.add(toRead.size() + " of " + distinctJars + " dependency jars new or changed: only they were read");
            }
            if (!notes.isEmpty()) {
                method += " (" + String.join("; ", notes) + ")";
            }
        }
        return assemble(inputs, application, dependencies.merge(bundled), method, log);
    }

    /**
     * A shaded jar's libraries are read by the bytecode scan alone: it reads the same class references jdeps -s does
     * (both found the same modules in guava, jackson, netty and h2 shaded together) in a tenth of the time, and jdeps
     * refuses such a jar outright when it carries a library's module descriptor under META-INF/versions.
     */
    private CodeAnalysis scanBundled(int release, List<ModuleInputs.BundledJar> jars) throws IOException {
        if (jars.isEmpty()) {
            return CodeAnalysis.EMPTY;
        }
        BytecodeScanner.Result scan = new BytecodeScanner(jdk, release).scanBundled(jars);
        return new CodeAnalysis(scan.referencedModules(), scan.reflectiveModules(), scan.serviceModules(),
                scan.highestRelease());
    }

    /**
     * What one part of the code (the application's classes, one dependency jar, the bundled libraries) needs. Maps go
     * from module to the places that need it.
     */
    record CodeAnalysis(Map<String, Set<String>> used, Map<String, Set<String>> reflective, Map<String, Set<String>> services,
                        int highestRelease) {

        static final CodeAnalysis EMPTY = new CodeAnalysis(Map.of(), Map.of(), Map.of(), 0);

        static CodeAnalysis of(BytecodeScanner.Result scan) {
            return new CodeAnalysis(scan.referencedModules(), scan.reflectiveModules(), scan.serviceModules(),
                    scan.highestRelease());
        }

        CodeAnalysis merge(CodeAnalysis other) {
            return new CodeAnalysis(union(used, other.used), union(reflective, other.reflective), union(services, other.services),
                    Math.max(highestRelease, other.highestRelease));
        }

        private static Map<String, Set<String>> union(Map<String, Set<String>> a, Map<String, Set<String>> b) {
            Map<String, Set<String>> all = new TreeMap<>();
            a.forEach((k, v) -> all.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
            b.forEach((k, v) -> all.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
            return all;
        }
    }

    /**
     * The code's direct use of JDK modules is read by jdeps' rules (see {@link ClassReferences}) from the class files;
     * which package belongs to which module is the JDK running Maven's knowledge.
     */
    private static String describe(int highestRelease, CodeAnalysis bundled) {
        int host = Runtime.version().feature();
        String method = highestRelease > host
                ? "class-file scan by jdeps' rules (Java " + highestRelease + " classes, matched against the modules of the JDK "
                        + host + " running Maven)"
                : "class-file scan by jdeps' rules, JDK " + host;
        if (!bundled.used().isEmpty() || !bundled.reflective().isEmpty() || !bundled.services().isEmpty()
                || bundled.highestRelease() > 0) {
            method += "; bytecode scan for the bundled libraries";
        }
        return method;
    }

    private Map<String, CodeAnalysis> readCache(Path cacheFile) {
        if (!Files.isRegularFile(cacheFile)) {
            return Map.of();
        }
        try {
            Map<String, CodeAnalysis> cache = new TreeMap<>();
            for (Map.Entry<String, Object> entry : Json.object(Json.parse(Files.readString(cacheFile, StandardCharsets.UTF_8)))
                    .entrySet()) {
                Map<String, Object> analysis = Json.object(entry.getValue());
                Optional<Map<String, Set<String>>> used = modulesByUser(analysis.get("used"));
                Optional<Map<String, Set<String>>> reflective = modulesByUser(analysis.get("reflective"));
                Optional<Map<String, Set<String>>> services = modulesByUser(analysis.get("services"));
                if (used.isEmpty() || reflective.isEmpty() || services.isEmpty()
                        || !(analysis.get("highestRelease") instanceof Long release)) {
                    return Map.of();
                }
                cache.put(entry.getKey(), new CodeAnalysis(used.get(), reflective.get(), services.get(), release.intValue()));
            }
            return cache;
        } catch (IOException unreadable) {
            // A cache from another plugin version: analyse afresh and overwrite it.
            return Map.of();
        }
    }

    /** A map of names to sets of names, as {@link CodeAnalysis} holds them; empty when it is anything else. */
    private static Optional<Map<String, Set<String>>> modulesByUser(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        Map<String, Set<String>> map = new TreeMap<>();
        for (Map.Entry<String, Object> entry : Json.object(value).entrySet()) {
            if (!(entry.getValue() instanceof List<?> names) || !names.stream().allMatch(String.class::isInstance)) {
                return Optional.empty();
            }
            map.put(entry.getKey(), new TreeSet<>(names.stream().map(String.class::cast).toList()));
        }
        return Optional.of(map);
    }

    private ModuleSet assemble(ModuleInputs inputs, CodeAnalysis application, CodeAnalysis libraries, String method,
                               Consumer<String> log) {
        log.accept("Module analysis: " + method);
        Map<String, List<String>> reasons = new TreeMap<>();
        ALWAYS.forEach((module, why) -> reason(reasons, module, why));
        Set<String> byApplication = new TreeSet<>();
        Set<String> byLibraries = new TreeSet<>();
        codeReasons(reasons, "used by ", USED_BY_LIBRARIES, application.used(), libraries.used(), byApplication,
                byLibraries);
        codeReasons(reasons, "reached reflectively: ", REFLECTIVE_BY_LIBRARIES, application.reflective(),
                libraries.reflective(), byApplication, byLibraries);
        codeReasons(reasons, "service: ", SERVICE_OF_LIBRARIES, application.services(), libraries.services(),
                byApplication, byLibraries);
        byLibraries.removeAll(byApplication);
        List<ModuleChoice> notLinked = new ArrayList<>();
        for (String module : byLibraries) {
            if (TOOLING.containsKey(module) && !inputs.addModules().contains(module)) {
                List<String> why = new ArrayList<>();
                why.add(TOOLING.get(module) + ", a tool's module that only libraries name: not linked unless added");
                why.addAll(reasons.remove(module));
                notLinked.add(new ModuleChoice(module, why));
            }
        }
        if (inputs.agentReason() != null) {
            reason(reasons, "java.instrument", inputs.agentReason());
        }
        // The launcher skips a module the runtime lacks, so without it the application fails only when it gets there.
        new TreeMap<>(inputs.launchModules()).forEach((module, why) -> {
            if (jdk.exists(module)) {
                reason(reasons, module, why);
            } else {
                log.accept("Not linking " + module + ", " + why + ": the JDK has no such module.");
            }
        });
        String includeLocales = "";
        String locales = inputs.locales() == null ? "" : inputs.locales().strip();
        if (!locales.equalsIgnoreCase("none")) {
            boolean all = locales.isEmpty() || locales.equals("*");
            includeLocales = all ? "" : locales;
            reason(reasons, "jdk.localedata", all
                    ? "locale data for every locale, so dates and numbers format as on the full JDK (locales=*)"
                    : "locale data for " + locales + ", so dates and numbers in those locales format as on the full JDK (set <locales>)");
        }
        for (Map.Entry<String, String> companion : COMPANIONS.entrySet()) {
            if (reasons.containsKey(companion.getKey())) {
                reason(reasons, companion.getValue(), COMPANION_REASONS.get(companion.getValue()));
            }
        }
        for (String module : inputs.addModules()) {
            reason(reasons, module, "added by addModules");
        }
        List<ModuleChoice> excluded = new ArrayList<>();
        for (String module : inputs.excludeModules()) {
            List<String> had = reasons.remove(module);
            excluded.add(new ModuleChoice(module, had == null ? List.of("was not going to be added") : had));
        }
        addRequiredModules(reasons);
        notLinked.removeIf(m -> reasons.containsKey(m.name()));
        for (ModuleChoice gone : excluded) {
            if (reasons.containsKey(gone.name())) {
                log.accept("excludeModules cannot leave out " + gone.name() + ": " + String.join("; ", reasons.get(gone.name())));
            }
        }
        if (!reasons.containsKey("jdk.localedata")) {
            includeLocales = ""; // jlink rejects --include-locales without jdk.localedata
        }
        List<ModuleChoice> modules = reasons.entrySet().stream().map(e -> new ModuleChoice(e.getKey(), e.getValue())).toList();
        List<String> libraryOnly = reasons.entrySet().stream()
                .filter(e -> e.getValue().stream().allMatch(ModuleResolver::isLibraryReason))
                .map(Map.Entry::getKey).toList();
        return new ModuleSet(modules, method, includeLocales, excluded, libraryOnly, notLinked);
    }

    /**
     * Adds the reasons one kind of finding gives, telling the application's classes from the libraries: a module only
     * libraries need says so, since a library's optional code path is often what names it.
     */
    private static void codeReasons(Map<String, List<String>> reasons, String kind, String libraryKind,
                                    Map<String, Set<String>> application,
                                    Map<String, Set<String>> libraries, Set<String> byApplication, Set<String> byLibraries) {
        Set<String> modules = new TreeSet<>(application.keySet());
        modules.addAll(libraries.keySet());
        for (String module : modules) {
            Set<String> app = application.getOrDefault(module, Set.of());
            Set<String> libs = libraries.getOrDefault(module, Set.of());
            if (!app.isEmpty()) {
                byApplication.add(module);
                reason(reasons, module, kind + summarize(app) + (libs.isEmpty() ? "" : "; also libraries: " + summarize(libs)));
            } else {
                byLibraries.add(module);
                reason(reasons, module, libraryKind + summarize(libs));
            }
        }
    }

    private static boolean isLibraryReason(String reason) {
        return reason.startsWith(USED_BY_LIBRARIES) || reason.startsWith(REFLECTIVE_BY_LIBRARIES)
                || reason.startsWith(SERVICE_OF_LIBRARIES);
    }

    /** jlink links what the chosen modules require anyway; listing them gives every module in the image a reason. */
    private void addRequiredModules(Map<String, List<String>> reasons) {
        Deque<String> pending = new ArrayDeque<>(reasons.keySet());
        while (!pending.isEmpty()) {
            String module = pending.pop();
            for (String required : jdk.requires(module)) {
                if (!reasons.containsKey(required)) {
                    pending.push(required);
                }
                if (!required.equals("java.base")) {
                    reason(reasons, required, "required by " + module);
                }
            }
        }
    }

    private static void reason(Map<String, List<String>> reasons, String module, String why) {
        List<String> list = reasons.computeIfAbsent(module, k -> new ArrayList<>());
        if (!list.contains(why)) {
            list.add(why);
        }
    }

    private static String summarize(Set<String> items) {
        List<String> list = new ArrayList<>(items);
        if (list.size() <= 3) {
            return String.join(", ", list);
        }
        return String.join(", ", list.subList(0, 3)) + " and " + (list.size() - 3) + " more";
    }

    /**
     * The key of a part's analysis: changes when any byte of {@code locations} changes, or the rules, the JDK running Maven
     * or the release do. Each file counts by its SHA-256, which {@code digests} knows from earlier builds while the file's
     * stat (change time included) is unchanged, so unchanged dependency jars are not read again.
     */
    private static String partKey(String part, int release, List<Path> locations, ContentDigest digests) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(digest, RULES_VERSION + "|" + Runtime.version() + "|" + release + "|" + part);
        for (Path location : locations) {
            update(digest, "@" + location.getFileName());
            List<Path> files;
            if (Files.isDirectory(location)) {
                try (Stream<Path> walk = Files.walk(location)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                }
            } else {
                files = Files.exists(location) ? List.of(location) : List.of();
            }
            for (Path file : files) {
                update(digest, "#" + location.relativize(file) + " " + digests.sha256(file));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
