package dev.slimimage.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.testing.TestJar;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchManifestTest {

    @TempDir
    Path tmp;

    private static Attributes manifest(String... pairs) {
        Attributes attributes = new Attributes();
        for (int i = 0; i < pairs.length; i += 2) {
            attributes.putValue(pairs[i], pairs[i + 1]);
        }
        return attributes;
    }

    @Test
    void addExportsAndAddOpensBecomeTheOptionsJavaJarWouldApply() throws Exception {
        LaunchManifest launch = LaunchManifest.read(manifest(
                "Add-Exports", "jdk.compiler/com.sun.tools.javac.util jdk.compiler/com.sun.tools.javac.file",
                "Add-Opens", "java.base/java.lang"), 17, "app.jar");

        assertThat(launch.jvmOptions()).containsExactly(
                "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
                "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED");
    }

    @Test
    void theNamedModulesComeWithTheAttributeAsReason() throws Exception {
        LaunchManifest launch = LaunchManifest.read(manifest(
                "Add-Exports", "jdk.compiler/com.sun.tools.javac.util",
                "Add-Opens", "java.base/java.lang jdk.compiler/com.sun.tools.javac.code"), 17, "app.jar");

        assertThat(launch.modules()).containsExactly(
                Map.entry("jdk.compiler", "named in the manifest's Add-Exports (jdk.compiler/com.sun.tools.javac.util); "
                        + "named in the manifest's Add-Opens (jdk.compiler/com.sun.tools.javac.code)"),
                Map.entry("java.base", "named in the manifest's Add-Opens (java.base/java.lang)"));
    }

    @Test
    void entriesOfAnotherShapeAreIgnoredAsTheLauncherIgnoresThemAndRepeatsCountOnce() throws Exception {
        LaunchManifest launch = LaunchManifest.read(manifest(
                "Add-Opens", "java.base  java.base/java.util/extra /java.io java.base/java.util java.base/java.util"), 17, "app.jar");

        assertThat(launch.jvmOptions()).containsExactly("--add-opens=java.base/java.util=ALL-UNNAMED");
    }

    @Test
    void enableNativeAccessAppliesFromJava22WhereTheLauncherReadsIt() throws Exception {
        Attributes attributes = manifest("Enable-Native-Access", "ALL-UNNAMED");

        assertThat(LaunchManifest.read(attributes, 25, "app.jar").jvmOptions()).containsExactly("--enable-native-access=ALL-UNNAMED");
        assertThat(LaunchManifest.read(attributes, 21, "app.jar").jvmOptions()).isEmpty();
    }

    @Test
    void enableNativeAccessOtherThanAllUnnamedIsRefusedAsJavaJarRefusesIt() {
        assertThatThrownBy(() -> LaunchManifest.read(manifest("Enable-Native-Access", "com.example"), 25, "app.jar"))
                .isInstanceOf(AnalysisException.class)
                .hasMessage("app.jar has \"Enable-Native-Access: com.example\" in its manifest, which java -jar refuses to start "
                        + "(only ALL-UNNAMED is allowed): set it to ALL-UNNAMED or remove it.");
    }

    @Test
    void launcherAgentClassIsStartedThroughThePluginsAgentJarWithTheCapabilitiesItAskedFor() throws Exception {
        LaunchManifest launch = LaunchManifest.read(manifest("Launcher-Agent-Class", " com.example.Agent ",
                "Can-Retransform-Classes", "TRUE", "Can-Redefine-Classes", "false", "Can-Set-Native-Method-Prefix", " true "),
                17, "app.jar");

        assertThat(launch.launcherAgentClass()).contains("com.example.Agent");
        assertThat(launch.agentCapabilities()).containsExactly("Can-Retransform-Classes", "Can-Set-Native-Method-Prefix");
        assertThat(launch.jvmOptions()).containsExactly("-javaagent:/app/launcher-agent/slim-launcher-agent.jar=com.example.Agent");
        assertThat(launch.modules()).containsExactly(Map.entry("java.instrument",
                "the manifest's Launcher-Agent-Class com.example.Agent is started as an agent (-javaagent)"));
        assertThat(launch.launcherAgentLayer()).hasValueSatisfying(layer -> {
            assertThat(layer.name()).isEqualTo(Layer.LAUNCHER_AGENT);
            assertThat(layer.files()).containsExactly(new ImageFile("/app/launcher-agent/slim-launcher-agent.jar",
                    new FileSource.LauncherAgentJar(List.of("Can-Retransform-Classes", "Can-Set-Native-Method-Prefix"))));
        });
        assertThat(LaunchManifest.read(manifest(), 17, "app.jar")).isEqualTo(LaunchManifest.NONE);
        assertThat(LaunchManifest.NONE.launcherAgentLayer()).isEmpty();
    }

    @Test
    void launcherAgentClassIsIgnoredForJava8WhoseLauncherIgnoresIt() throws Exception {
        LaunchManifest launch = LaunchManifest.read(manifest("Launcher-Agent-Class", "com.example.Agent",
                "Can-Retransform-Classes", "true"), 8, "app.jar");

        assertThat(launch).isEqualTo(LaunchManifest.NONE);
    }

    @Test
    void capabilitiesWithoutALauncherAgentAskNothing() throws Exception {
        assertThat(LaunchManifest.read(manifest("Can-Retransform-Classes", "true"), 17, "app.jar")).isEqualTo(LaunchManifest.NONE);
    }

    @Test
    void plainJarLaunchStartsWithTheManifestOptions() throws Exception {
        TestJar jar = TestJar.create().mainClass("com.example.Main", 17)
                .manifest("Main-Class", "com.example.Main")
                .manifest("Add-Exports", "jdk.compiler/com.sun.tools.javac.util");

        AppAnalysis analysis = Inputs.in(tmp).plainJar(jar).analyze();

        assertThat(analysis.launchArguments()).containsExactly(
                "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED", "-cp", "/app/classes", "com.example.Main");
        assertThat(analysis.launchManifest().modules()).containsOnlyKeys("jdk.compiler");
    }

    @Test
    void shadedJarLaunchStartsWithTheManifestOptions() throws Exception {
        TestJar own = TestJar.create().mainClass("com.example.Main", 17);
        TestJar shaded = TestJar.create().mainClass("com.example.Main", 17).clazz("com.google.gson.Gson", 8)
                .manifest("Main-Class", "com.example.Main")
                .manifest("Add-Opens", "java.base/java.lang");

        AppAnalysis analysis = Inputs.in(tmp).jar(shaded, own).analyze();

        assertThat(analysis.layout()).isEqualTo(AppLayout.SHADED_JAR);
        assertThat(analysis.launchArguments()).containsExactly(
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", "/app/classes:/app/shaded/libraries.jar", "com.example.Main");
    }

    @Test
    void plainJarWithALauncherAgentHasTheAgentLayerFirstAndTheAgentOptionBeforeTheClassPath() throws Exception {
        TestJar jar = TestJar.create().mainClass("com.example.Main", 17).clazz("com.example.Agent", 17)
                .manifest("Main-Class", "com.example.Main")
                .manifest("Launcher-Agent-Class", "com.example.Agent");

        AppAnalysis analysis = Inputs.in(tmp).plainJar(jar).analyze();

        assertThat(analysis.launchArguments()).containsExactly(
                "-javaagent:/app/launcher-agent/slim-launcher-agent.jar=com.example.Agent", "-cp", "/app/classes", "com.example.Main");
        assertThat(Inputs.layerNames(analysis)).containsExactly(Layer.LAUNCHER_AGENT, Layer.RESOURCES, Layer.CLASSES);
        assertThat(Inputs.paths(analysis, Layer.LAUNCHER_AGENT)).containsExactly("/app/launcher-agent/slim-launcher-agent.jar");
    }

    @Test
    void shadedJarWithALauncherAgentHasTheAgentLayerFirst() throws Exception {
        TestJar own = TestJar.create().mainClass("com.example.Main", 17).clazz("com.example.Agent", 17);
        TestJar shaded = TestJar.create().mainClass("com.example.Main", 17).clazz("com.example.Agent", 17)
                .clazz("com.google.gson.Gson", 8)
                .manifest("Main-Class", "com.example.Main")
                .manifest("Launcher-Agent-Class", "com.example.Agent");

        AppAnalysis analysis = Inputs.in(tmp).jar(shaded, own).analyze();

        assertThat(analysis.layout()).isEqualTo(AppLayout.SHADED_JAR);
        assertThat(analysis.launchArguments()).containsExactly("-javaagent:/app/launcher-agent/slim-launcher-agent.jar=com.example.Agent",
                "-cp", "/app/classes:/app/shaded/libraries.jar", "com.example.Main");
        assertThat(Inputs.layerNames(analysis)).containsExactly(Layer.LAUNCHER_AGENT, ProjectAnalyzer.SHADED_LAYER, Layer.CLASSES);
    }

    @Test
    void withoutAttributesTheLaunchIsUnchanged() throws Exception {
        TestJar jar = TestJar.create().mainClass("com.example.Main", 17).manifest("Main-Class", "com.example.Main");

        AppAnalysis analysis = Inputs.in(tmp).plainJar(jar).analyze();

        assertThat(analysis.launchArguments()).containsExactly("-cp", "/app/classes", "com.example.Main");
        assertThat(analysis.launchManifest()).isEqualTo(LaunchManifest.NONE);
    }
}
