package dev.slimimage.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.Attributes;

/**
 * What a jar's manifest asks of the JVM that only {@code java -jar} honours: {@code Add-Exports}, {@code Add-Opens},
 * {@code Enable-Native-Access} and {@code Launcher-Agent-Class}. The image starts the exploded classes with {@code -cp},
 * where the launcher reads no manifest, so they become the command-line options with the same effect. (Spring Boot's
 * JarLauncher does not apply them either: with {@code java -jar} it is the JVM that does, for the outer jar.)
 *
 * <p>{@code Launcher-Agent-Class} has no option of its own: {@code -javaagent:} calls {@code premain} of an agent jar.
 * The image holds a small agent jar of the plugin's, {@value #LAUNCHER_AGENT_JAR}, whose {@code premain} starts the
 * named class as {@code java -jar} does (see {@code dev.slimimage.launcher.LauncherAgent}); the manifest's
 * {@code Can-*} capabilities, which {@code java -jar} grants that agent, go into that jar's manifest.
 *
 * @param addExports {@code module/package} entries of {@code Add-Exports}, in order
 * @param addOpens {@code module/package} entries of {@code Add-Opens}, in order
 * @param enableNativeAccess whether {@code Enable-Native-Access: ALL-UNNAMED} applies (Java 22 and later read it)
 * @param launcherAgentClass {@code Launcher-Agent-Class}, started before main (Java 9 and later read it); empty when unset
 * @param agentCapabilities the {@code Can-*} attributes set to {@code true}, e.g. {@code Can-Retransform-Classes}, in a
 *     fixed order; they matter only with a launcher agent
 */
public record LaunchManifest(List<String> addExports, List<String> addOpens, boolean enableNativeAccess,
                             Optional<String> launcherAgentClass, List<String> agentCapabilities) {

    public static final LaunchManifest NONE = new LaunchManifest(List.of(), List.of(), false, Optional.empty());
    /** Where the image holds the agent that starts a {@code Launcher-Agent-Class}. */
    public static final String LAUNCHER_AGENT_JAR = "/app/launcher-agent/slim-launcher-agent.jar";
    /** The agent class inside that jar, compiled for Java 8 from the plugin's src/main/launcher-agent. */
    public static final String LAUNCHER_AGENT_PREMAIN_CLASS = "dev.slimimage.launcher.LauncherAgent";
    /** The capabilities java -jar grants a launcher agent when the jar's manifest sets them to true. */
    public static final List<String> AGENT_CAPABILITIES = List.of("Can-Redefine-Classes", "Can-Retransform-Classes",
            "Can-Set-Native-Method-Prefix");
    static final String ADD_EXPORTS = "Add-Exports";
    static final String ADD_OPENS = "Add-Opens";
    static final String ENABLE_NATIVE_ACCESS = "Enable-Native-Access";
    static final String LAUNCHER_AGENT_CLASS = "Launcher-Agent-Class";
    /** The first release whose launcher reads Enable-Native-Access (JEP 454); older ones ignore the attribute. */
    static final int NATIVE_ACCESS_RELEASE = 22;
    /** The first release whose launcher reads Launcher-Agent-Class; Java 8's ignores the attribute. */
    static final int LAUNCHER_AGENT_RELEASE = 9;
    private static final String INSTRUMENT_MODULE = "java.instrument";

    /** A manifest without capabilities for a launcher agent. */
    public LaunchManifest(List<String> addExports, List<String> addOpens, boolean enableNativeAccess,
                          Optional<String> launcherAgentClass) {
        this(addExports, addOpens, enableNativeAccess, launcherAgentClass, List.of());
    }

    public LaunchManifest {
        addExports = List.copyOf(addExports);
        addOpens = List.copyOf(addOpens);
        agentCapabilities = List.copyOf(agentCapabilities);
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
        Optional<String> agent = Optional.ofNullable(manifest.getValue(LAUNCHER_AGENT_CLASS)).map(String::strip)
                .filter(s -> !s.isEmpty() && javaRelease >= LAUNCHER_AGENT_RELEASE);
        // The JDK grants a capability when its attribute is "true", in any case.
        List<String> capabilities = agent.isEmpty() ? List.of() : AGENT_CAPABILITIES.stream()
                .filter(c -> "true".equalsIgnoreCase(Optional.ofNullable(manifest.getValue(c)).map(String::strip).orElse("")))
                .toList();
        return new LaunchManifest(entries(manifest.getValue(ADD_EXPORTS)), entries(manifest.getValue(ADD_OPENS)), enableNativeAccess,
                agent, capabilities);
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
        launcherAgentClass.ifPresent(agent -> options.add("-javaagent:" + LAUNCHER_AGENT_JAR + "=" + agent));
        return options;
    }

    /**
     * The layer that holds the launcher agent's jar, before the application's: it changes only with the capabilities
     * (and the plugin), so the builder's cache keeps it. Empty without a {@code Launcher-Agent-Class}.
     */
    public Optional<Layer> launcherAgentLayer() {
        return launcherAgentClass.map(agent -> new Layer(Layer.LAUNCHER_AGENT, List.of(
                new ImageFile(LAUNCHER_AGENT_JAR, new FileSource.LauncherAgentJar(agentCapabilities)))));
    }

    /** {@code layers} with the launcher agent's layer first, when there is one. */
    List<Layer> withLauncherAgentLayer(List<Layer> layers) {
        List<Layer> all = new ArrayList<>();
        launcherAgentLayer().ifPresent(all::add);
        all.addAll(layers);
        return all;
    }

    /**
     * The modules the attributes name, each with the reason a linked runtime needs it: the launcher skips a module
     * the runtime lacks, so without it the application fails only when it reaches the package. A launcher agent needs
     * {@code java.instrument} (java -jar would skip the agent on a runtime without it, -javaagent would not start).
     */
    public Map<String, String> modules() {
        Map<String, String> modules = new LinkedHashMap<>();
        addExports.forEach(e -> reason(modules, e, ADD_EXPORTS));
        addOpens.forEach(e -> reason(modules, e, ADD_OPENS));
        launcherAgentClass.ifPresent(agent -> modules.merge(INSTRUMENT_MODULE, "the manifest's " + LAUNCHER_AGENT_CLASS + " " + agent
                + " is started as an agent (-javaagent)", (a, b) -> a + "; " + b));
        return modules;
    }

    private static void reason(Map<String, String> modules, String entry, String attribute) {
        String module = entry.substring(0, entry.indexOf('/'));
        String why = "named in the manifest's " + attribute + " (" + entry + ")";
        modules.merge(module, why, (a, b) -> a + "; " + b);
    }
}
