package dev.slimimage.modules;

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
import java.util.function.Consumer;
import java.util.stream.Collectors;
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
    private static final String RULES_VERSION = "4";
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
     * @param cacheDirectory where the result is kept between builds; reused while every input is byte-identical
     */
    public ModuleSet resolve(ModuleInputs inputs, Path cacheDirectory, Consumer<String> log) throws IOException {
        String key = cacheKey(inputs);
        Path cacheFile = cacheDirectory.resolve(CACHE_FILE);
        if (Files.isRegularFile(cacheFile)) {
            try {
                CacheEntry cached = json.readValue(cacheFile.toFile(), CacheEntry.class);
                if (key.equals(cached.key())) {
                    ModuleSet set = cached.modules();
                    return new ModuleSet(set.modules(), set.method() + " (cached: classes and dependencies unchanged)",
                            set.includeLocales(), set.excluded());
                }
            } catch (IOException unreadable) {
                // A cache from another plugin version: compute afresh and overwrite it.
            }
        }
        ModuleSet set = compute(inputs, log);
        Files.createDirectories(cacheDirectory);
        json.writeValue(cacheFile.toFile(), new CacheEntry(key, set));
        return set;
    }

    /** The cache file's content. */
    record CacheEntry(String key, ModuleSet modules) {}

    ModuleSet compute(ModuleInputs inputs, Consumer<String> log) throws IOException {
        BytecodeScanner.Result scan = new BytecodeScanner(jdk, inputs.release()).scan(inputs.appRoots(), inputs.classPath());
        int hostRelease = Runtime.version().feature();
        Map<String, Set<String>> used;
        String method;
        if (scan.highestRelease() > hostRelease) {
            used = scan.referencedModules();
            method = "bytecode scan (the JDK running Maven is " + hostRelease + " and cannot read Java "
                    + scan.highestRelease() + " classes with jdeps)";
        } else {
            try {
                used = new JdepsRunner(jdk).modulesUsed(inputs.release(), inputs.appRoots(), inputs.classPath());
                method = "jdeps " + hostRelease;
            } catch (JdepsRunner.JdepsException e) {
                used = scan.referencedModules();
                method = "bytecode scan (" + e.getMessage() + ")";
            }
        }
        log.accept("Module analysis: " + method);

        Map<String, List<String>> reasons = new TreeMap<>();
        ALWAYS.forEach((module, why) -> reason(reasons, module, why));
        used.forEach((module, origins) -> reason(reasons, module, "used by " + summarize(origins)));
        scan.reflectiveModules().forEach((module, hits) -> reason(reasons, module, "reached reflectively: " + summarize(hits)));
        scan.serviceModules().forEach((module, hits) -> reason(reasons, module, "service: " + summarize(hits)));
        if (inputs.agentReason() != null) {
            reason(reasons, "java.instrument", inputs.agentReason());
        }
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

    private String cacheKey(ModuleInputs inputs) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        update(digest, RULES_VERSION + "|" + Runtime.version() + "|" + inputs.release() + "|" + inputs.agentReason() + "|"
                + inputs.locales() + "|" + inputs.addModules() + "|" + inputs.excludeModules());
        for (Path location : Stream.concat(inputs.appRoots().stream(), inputs.classPath().stream()).toList()) {
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

    /** A short summary line per module for the log. */
    public static List<String> summary(ModuleSet set) {
        return set.modules().stream()
                .map(m -> m.name() + ": " + m.reasons().stream().collect(Collectors.joining("; ")))
                .toList();
    }
}
