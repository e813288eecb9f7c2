package dev.slimimage.modules;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Decides which JDK modules a linked runtime needs, and why. Runs on the host during the Maven build, so the
 * image build's jlink step depends only on the JDK image and the resulting list.
 *
 * <p>The code's own module use comes from jdeps (or, when the host JDK cannot read the classes, from a bytecode
 * scan). jdeps alone misses what code reaches through services, providers and reflection, so the resolver adds:
 * small modules that are always worth having, modules named in string constants that code loads reflectively,
 * modules of service types the jars provide, providers that go with modules already in, and the user's overrides.
 */
public final class ModuleResolver {

    /** Bump when the rules change, so cached results from older rules are not reused. */
    private static final String RULES_VERSION = "5";
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

    private final JdkModules jdk = new JdkModules();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param cacheDirectory where the analysis is kept between builds. The application's classes and the
     *     dependencies are analysed and cached apart: after a change to the application only its classes are read
     *     again (jdeps takes 6-9 s over a Spring Boot app's dependencies, well under a second over its classes)
     */
    public ModuleSet resolve(ModuleInputs inputs, Path cacheDirectory, Consumer<String> log) throws IOException {
        Path cacheFile = cacheDirectory.resolve(CACHE_FILE);
        Map<String, CodeAnalysis> cache = readCache(cacheFile);
        String dependenciesKey = partKey("dependencies", inputs.release(), inputs.classPath());
        String applicationKey = partKey("application", inputs.release(), inputs.appRoots());
        CodeAnalysis dependencies = cache.get(dependenciesKey);
        CodeAnalysis application = cache.get(applicationKey);
        boolean dependenciesCached = dependencies != null;
        boolean applicationCached = application != null;
        if (dependencies == null) {
            dependencies = analyse(inputs.release(), false, inputs.classPath());
        }
        if (application == null) {
            application = analyse(inputs.release(), true, inputs.appRoots());
        }
        Files.createDirectories(cacheDirectory);
        Map<String, CodeAnalysis> keep = new TreeMap<>();
        keep.put(dependenciesKey, dependencies);
        keep.put(applicationKey, application);
        json.writeValue(cacheFile.toFile(), keep);

        String method = describe(application, dependencies);
        if (dependenciesCached && applicationCached) {
            method += " (cached: classes and dependencies unchanged)";
        } else if (dependenciesCached && !inputs.classPath().isEmpty()) {
            method += " (dependencies unchanged: their analysis reused)";
        } else if (applicationCached && !inputs.appRoots().isEmpty()) {
            method += " (application classes unchanged: their analysis reused)";
        }
        return assemble(inputs, application.merge(dependencies), method, log);
    }

    /**
     * What one part of the code (the application's classes, or its dependencies) needs, and how that was found.
     * Maps go from module to the places that need it.
     */
    record CodeAnalysis(Map<String, Set<String>> used, Map<String, Set<String>> reflective, Map<String, Set<String>> services,
                        String method) {

        CodeAnalysis merge(CodeAnalysis other) {
            return new CodeAnalysis(union(used, other.used), union(reflective, other.reflective), union(services, other.services),
                    method);
        }

        private static Map<String, Set<String>> union(Map<String, Set<String>> a, Map<String, Set<String>> b) {
            Map<String, Set<String>> all = new TreeMap<>();
            a.forEach((k, v) -> all.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
            b.forEach((k, v) -> all.computeIfAbsent(k, x -> new TreeSet<>()).addAll(v));
            return all;
        }
    }

    /** Reads {@code inputs}: the application's class directories, or the dependency jars (named by file in the reasons). */
    private CodeAnalysis analyse(int release, boolean application, List<Path> inputs) throws IOException {
        if (inputs.isEmpty()) {
            return new CodeAnalysis(Map.of(), Map.of(), Map.of(), null);
        }
        BytecodeScanner.Result scan = new BytecodeScanner(jdk, release)
                .scan(application ? inputs : List.of(), application ? List.of() : inputs);
        int hostRelease = Runtime.version().feature();
        if (scan.highestRelease() > hostRelease) {
            return new CodeAnalysis(scan.referencedModules(), scan.reflectiveModules(), scan.serviceModules(),
                    "bytecode scan (the JDK running Maven is " + hostRelease + " and cannot read Java "
                            + scan.highestRelease() + " classes with jdeps)");
        }
        try {
            Map<String, Set<String>> used = new JdepsRunner(jdk).modulesUsed(release, inputs);
            return new CodeAnalysis(used, scan.reflectiveModules(), scan.serviceModules(), "jdeps " + hostRelease);
        } catch (JdepsRunner.JdepsException e) {
            return new CodeAnalysis(scan.referencedModules(), scan.reflectiveModules(), scan.serviceModules(),
                    "bytecode scan (" + e.getMessage() + ")");
        }
    }

    /** One method when both parts agree; otherwise each part's, the bytecode scan first since it is the exception. */
    private static String describe(CodeAnalysis application, CodeAnalysis dependencies) {
        String app = application.method();
        String deps = dependencies.method();
        if (app == null || deps == null || app.equals(deps)) {
            return app != null ? app : deps != null ? deps : "jdeps " + Runtime.version().feature() + " (nothing to analyse)";
        }
        return deps.startsWith("bytecode scan")
                ? deps + " for the dependencies; " + app + " for the application's classes"
                : app + " for the application's classes; " + deps + " for the dependencies";
    }

    private Map<String, CodeAnalysis> readCache(Path cacheFile) {
        if (!Files.isRegularFile(cacheFile)) {
            return Map.of();
        }
        try {
            return json.readValue(cacheFile.toFile(), new TypeReference<Map<String, CodeAnalysis>>() {});
        } catch (IOException unreadable) {
            // A cache from another plugin version: analyse afresh and overwrite it.
            return Map.of();
        }
    }

    private ModuleSet assemble(ModuleInputs inputs, CodeAnalysis code, String method, Consumer<String> log) {
        log.accept("Module analysis: " + method);
        Map<String, Set<String>> used = code.used();
        Map<String, List<String>> reasons = new TreeMap<>();
        ALWAYS.forEach((module, why) -> reason(reasons, module, why));
        used.forEach((module, origins) -> reason(reasons, module, "used by " + summarize(origins)));
        code.reflective().forEach((module, hits) -> reason(reasons, module, "reached reflectively: " + summarize(hits)));
        code.services().forEach((module, hits) -> reason(reasons, module, "service: " + summarize(hits)));
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
        for (ModuleChoice gone : excluded) {
            if (reasons.containsKey(gone.name())) {
                log.accept("excludeModules cannot leave out " + gone.name() + ": " + String.join("; ", reasons.get(gone.name())));
            }
        }
        if (!reasons.containsKey("jdk.localedata")) {
            includeLocales = ""; // jlink rejects --include-locales without jdk.localedata
        }
        List<ModuleChoice> modules = reasons.entrySet().stream().map(e -> new ModuleChoice(e.getKey(), e.getValue())).toList();
        return new ModuleSet(modules, method, includeLocales, excluded);
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

    /** Changes when any byte of {@code locations} changes, or the rules, the JDK running Maven or the release do. */
    private static String partKey(String part, int release, List<Path> locations) throws IOException {
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
                update(digest, "#" + location.relativize(file));
                try (InputStream in = Files.newInputStream(file)) {
                    byte[] buffer = new byte[65536];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, String text) {
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }
}
