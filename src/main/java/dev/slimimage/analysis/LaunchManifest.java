package dev.slimimage.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;

/**
 * What a jar's manifest asks of the JVM that only {@code java -jar} honours: {@code Add-Exports}, {@code Add-Opens}
 * and {@code Enable-Native-Access}. The image starts the exploded classes with {@code -cp}, where the launcher reads no
 * manifest, so they become the command-line options with the same effect. (Spring Boot's JarLauncher does not apply
 * them either: with {@code java -jar} it is the JVM that does, for the outer jar.)
 *
 * @param addExports {@code module/package} entries of {@code Add-Exports}, in order
 * @param addOpens {@code module/package} entries of {@code Add-Opens}, in order
 * @param enableNativeAccess whether {@code Enable-Native-Access: ALL-UNNAMED} applies (Java 22 and later read it)
 * @param launcherAgentClass {@code Launcher-Agent-Class}, which only {@code java -jar} can start; empty when unset
 */
public record LaunchManifest(List<String> addExports, List<String> addOpens, boolean enableNativeAccess,
                             Optional<String> launcherAgentClass) {

    public static final LaunchManifest NONE = new LaunchManifest(List.of(), List.of(), false, Optional.empty());
    static final String ADD_EXPORTS = "Add-Exports";
    static final String ADD_OPENS = "Add-Opens";
    static final String ENABLE_NATIVE_ACCESS = "Enable-Native-Access";
    static final String LAUNCHER_AGENT_CLASS = "Launcher-Agent-Class";
    /** The first release whose launcher reads Enable-Native-Access (JEP 454); older ones ignore the attribute. */
    static final int NATIVE_ACCESS_RELEASE = 22;

    public LaunchManifest {
        addExports = List.copyOf(addExports);
        addOpens = List.copyOf(addOpens);
    }

    /**
     * Reads the attributes as the JDK's launcher does: entries separated by spaces, each {@code module/package};
     * entries of another shape are ignored, as the launcher ignores them.
     *
     * @param jarName names the jar in the error
     * @throws AnalysisException for an {@code Enable-Native-Access} value other than {@code ALL-UNNAMED}, which
     *     {@code java -jar} refuses to start on Java 22 and later
     */
    public static LaunchManifest read(Attributes manifest, int javaRelease, String jarName) throws AnalysisException {
        String nativeAccess = manifest.getValue(ENABLE_NATIVE_ACCESS);
        boolean enableNativeAccess = false;
        if (nativeAccess != null && javaRelease >= NATIVE_ACCESS_RELEASE) {
            if (!nativeAccess.equals("ALL-UNNAMED")) {
                throw new AnalysisException(jarName + " has \"" + ENABLE_NATIVE_ACCESS + ": " + nativeAccess + "\" in its manifest, "
                        + "which java -jar refuses to start (only ALL-UNNAMED is allowed): set it to ALL-UNNAMED or remove it.");
            }
            enableNativeAccess = true;
        }
        return new LaunchManifest(entries(manifest.getValue(ADD_EXPORTS)), entries(manifest.getValue(ADD_OPENS)), enableNativeAccess,
                Optional.ofNullable(manifest.getValue(LAUNCHER_AGENT_CLASS)).map(String::strip).filter(s -> !s.isEmpty()));
    }

    private static List<String> entries(String value) {
        List<String> result = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split(" ")) {
                String[] parts = entry.strip().split("/");
                if (parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() && !result.contains(entry.strip())) {
                    result.add(entry.strip());
                }
            }
        }
        return result;
    }

    /** The JVM options that do on the command line what the attributes do in {@code java -jar}. */
    public List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        addExports.forEach(e -> options.add("--add-exports=" + e + "=ALL-UNNAMED"));
        addOpens.forEach(e -> options.add("--add-opens=" + e + "=ALL-UNNAMED"));
        if (enableNativeAccess) {
            options.add("--enable-native-access=ALL-UNNAMED");
        }
        return options;
    }

    /**
     * The modules the attributes name, each with the reason a linked runtime needs it: the launcher skips a module
     * the runtime lacks, so without it the application fails only when it reaches the package.
     */
    public Map<String, String> modules() {
        Map<String, String> modules = new LinkedHashMap<>();
        addExports.forEach(e -> reason(modules, e, ADD_EXPORTS));
        addOpens.forEach(e -> reason(modules, e, ADD_OPENS));
        return modules;
    }

    private static void reason(Map<String, String> modules, String entry, String attribute) {
        String module = entry.substring(0, entry.indexOf('/'));
        String why = "named in the manifest's " + attribute + " (" + entry + ")";
        modules.merge(module, why, (a, b) -> a + "; " + b);
    }
}
