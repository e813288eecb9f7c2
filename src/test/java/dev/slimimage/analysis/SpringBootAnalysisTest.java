package dev.slimimage.analysis;

import static dev.slimimage.analysis.Inputs.layerNames;
import static dev.slimimage.analysis.Inputs.paths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.testing.TestJar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpringBootAnalysisTest {

    private static final String LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
    private static final String START_CLASS = "com.example.demo.DemoApplication";

    /** The index spring-boot-maven-plugin writes by default. */
    private static final String DEFAULT_LAYERS_IDX = """
            - "dependencies":
              - "BOOT-INF/lib/"
            - "spring-boot-loader":
              - "org/"
            - "snapshot-dependencies":
            - "application":
              - "BOOT-INF/classes/"
              - "BOOT-INF/classpath.idx"
              - "BOOT-INF/layers.idx"
              - "META-INF/"
            """;

    @TempDir
    Path tmp;

    private TestJar bootJar() throws IOException {
        return TestJar.create()
                .manifest("Main-Class", LAUNCHER)
                .manifest("Start-Class", START_CLASS)
                .manifest("Spring-Boot-Classes", "BOOT-INF/classes/")
                .manifest("Spring-Boot-Lib", "BOOT-INF/lib/")
                .entry("org/springframework/boot/loader/launch/JarLauncher.class",
                        dev.slimimage.testing.ClassBytes.withMain(LAUNCHER, 17))
                .entry("org/springframework/boot/loader/launch/Archive.class",
                        dev.slimimage.testing.ClassBytes.plain("org.springframework.boot.loader.launch.Archive", 17))
                .entry("BOOT-INF/classes/com/example/demo/DemoApplication.class",
                        dev.slimimage.testing.ClassBytes.withMain(START_CLASS, 21))
                .entry("BOOT-INF/classes/application.properties", "server.port=8080\n")
                .entry("BOOT-INF/classes/static/index.html", "<html></html>")
                .entry("BOOT-INF/lib/spring-core-6.1.0.jar", jarBytes("org.springframework.core.SpringVersion"))
                .entry("BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar", jarBytes("com.acme.Util"))
                .entry("BOOT-INF/classpath.idx", "- \"BOOT-INF/lib/spring-core-6.1.0.jar\"\n- \"BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar\"\n")
                .entry("META-INF/maven/com.example/demo/pom.properties", "artifactId=demo\n");
    }

    private byte[] jarBytes(String className) throws IOException {
        Path file = TestJar.create().clazz(className, 17).writeTo(tmp.resolve("nested").resolve(className + ".jar"));
        return java.nio.file.Files.readAllBytes(file);
    }

    private Inputs project(TestJar jar) throws IOException {
        // The classes directory holds the application's own classes, as after mvn package.
        TestJar own = TestJar.create().mainClass(START_CLASS, 21).entry("application.properties", "server.port=8080\n");
        return Inputs.in(tmp.resolve("project")).jar(jar, own);
    }

    @Test
    void theOuterManifestsAddOpensIsAppliedAsJavaJarDoesForTheFatJar() throws Exception {
        // JarLauncher itself reads no Add-Opens (exploded or not): with java -jar it is the JVM that applies them.
        AppAnalysis analysis = project(bootJar().manifest("Add-Opens", "java.base/java.lang")).analyze();

        assertThat(analysis.launchArguments()).containsExactly("--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", "/app", LAUNCHER);
        assertThat(analysis.launchManifest().addOpens()).containsExactly("java.base/java.lang");
    }

    @Test
    void theOuterManifestsLauncherAgentClassStartsThroughThePluginsAgentBeforeTheLauncher() throws Exception {
        // java -jar loads the agent class with the system class loader from the outer jar: /app, exploded.
        AppAnalysis analysis = project(bootJar()
                .manifest("Launcher-Agent-Class", "com.example.agent.Agent")
                .manifest("Can-Redefine-Classes", "true")
                .entry("com/example/agent/Agent.class", dev.slimimage.testing.ClassBytes.plain("com.example.agent.Agent", 17)))
                .analyze();

        assertThat(analysis.launchArguments()).containsExactly(
                "-javaagent:/app/launcher-agent/slim-launcher-agent.jar=com.example.agent.Agent", "-cp", "/app", LAUNCHER);
        assertThat(layerNames(analysis)).containsExactly(Layer.LAUNCHER_AGENT,
                Layer.DEPENDENCIES, Layer.SNAPSHOT_DEPENDENCIES, Layer.LOADER, Layer.RESOURCES, Layer.CLASSES);
        assertThat(analysis.launchManifest().agentCapabilities()).containsExactly("Can-Redefine-Classes");
    }

    @Test
    void startsThroughTheLauncherWithStartClassAsMainClass() throws Exception {
        AppAnalysis analysis = project(bootJar()).analyze();

        assertThat(analysis.layout()).isEqualTo(AppLayout.SPRING_BOOT);
        assertThat(analysis.mainClass()).isEqualTo(START_CLASS);
        assertThat(analysis.launchArguments()).containsExactly("-cp", "/app", LAUNCHER);
    }

    @Test
    void withoutLayersIndexSplitsLibsSnapshotsLoaderResourcesAndClasses() throws Exception {
        AppAnalysis analysis = project(bootJar()).analyze();

        assertThat(layerNames(analysis)).containsExactly(
                Layer.DEPENDENCIES, Layer.SNAPSHOT_DEPENDENCIES, Layer.LOADER, Layer.RESOURCES, Layer.CLASSES);
        assertThat(paths(analysis, Layer.DEPENDENCIES)).containsExactly("/app/BOOT-INF/lib/spring-core-6.1.0.jar");
        assertThat(paths(analysis, Layer.SNAPSHOT_DEPENDENCIES)).containsExactly("/app/BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar");
        assertThat(paths(analysis, Layer.LOADER)).containsExactlyInAnyOrder(
                "/app/org/springframework/boot/loader/launch/JarLauncher.class",
                "/app/org/springframework/boot/loader/launch/Archive.class");
        assertThat(paths(analysis, Layer.CLASSES)).containsExactly("/app/BOOT-INF/classes/com/example/demo/DemoApplication.class");
        assertThat(paths(analysis, Layer.RESOURCES)).containsExactlyInAnyOrder(
                "/app/BOOT-INF/classes/application.properties",
                "/app/BOOT-INF/classes/static/index.html",
                "/app/BOOT-INF/classpath.idx",
                "/app/META-INF/MANIFEST.MF",
                "/app/META-INF/maven/com.example/demo/pom.properties");
    }

    @Test
    void timestampedSnapshotJarsCountAsSnapshotsWithoutAnIndex() throws Exception {
        TestJar jar = bootJar().entry("BOOT-INF/lib/acme-api-2.0-20240131.101500-7.jar", jarBytes("com.acme.Api"));

        AppAnalysis analysis = project(jar).analyze();

        assertThat(paths(analysis, Layer.SNAPSHOT_DEPENDENCIES)).containsExactlyInAnyOrder(
                "/app/BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar", "/app/BOOT-INF/lib/acme-api-2.0-20240131.101500-7.jar");
    }

    @Test
    void withTheDefaultLayersIndexFollowsIt() throws Exception {
        TestJar jar = bootJar().manifest("Spring-Boot-Layers-Index", "BOOT-INF/layers.idx")
                .entry("BOOT-INF/layers.idx", DEFAULT_LAYERS_IDX);

        AppAnalysis analysis = project(jar).analyze();

        // The index puts every BOOT-INF/lib/ jar into "dependencies", snapshots included, and lists no snapshot layer.
        assertThat(layerNames(analysis)).containsExactly(Layer.DEPENDENCIES, Layer.LOADER, Layer.RESOURCES, Layer.CLASSES);
        assertThat(paths(analysis, Layer.DEPENDENCIES)).containsExactlyInAnyOrder(
                "/app/BOOT-INF/lib/spring-core-6.1.0.jar", "/app/BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar");
        assertThat(paths(analysis, Layer.LOADER)).hasSize(2).allMatch(p -> p.startsWith("/app/org/springframework/boot/loader/"));
        assertThat(paths(analysis, Layer.CLASSES)).containsExactly("/app/BOOT-INF/classes/com/example/demo/DemoApplication.class");
        assertThat(paths(analysis, Layer.RESOURCES)).contains(
                "/app/BOOT-INF/classes/application.properties", "/app/BOOT-INF/layers.idx", "/app/META-INF/MANIFEST.MF");
        assertThat(analysis.launchArguments()).containsExactly("-cp", "/app", LAUNCHER);
    }

    @Test
    void customIndexLayerIsKeptBetweenDependenciesAndSnapshotDependencies() throws Exception {
        String index = """
                - "dependencies":
                  - "BOOT-INF/lib/spring-core-6.1.0.jar"
                - "company-dependencies":
                  - "BOOT-INF/lib/acme-common-2.0.jar"
                - "spring-boot-loader":
                  - "org/"
                - "snapshot-dependencies":
                  - "BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar"
                - "application":
                  - "BOOT-INF/classes/"
                  - "BOOT-INF/classpath.idx"
                  - "BOOT-INF/layers.idx"
                  - "META-INF/"
                """;
        TestJar jar = bootJar().entry("BOOT-INF/lib/acme-common-2.0.jar", jarBytes("com.acme.Common"))
                .entry("BOOT-INF/layers.idx", index);

        AppAnalysis analysis = project(jar).analyze();

        assertThat(layerNames(analysis)).containsExactly(Layer.DEPENDENCIES, "company-dependencies", Layer.SNAPSHOT_DEPENDENCIES,
                Layer.LOADER, Layer.RESOURCES, Layer.CLASSES);
        assertThat(paths(analysis, "company-dependencies")).containsExactly("/app/BOOT-INF/lib/acme-common-2.0.jar");
        assertThat(paths(analysis, Layer.DEPENDENCIES)).containsExactly("/app/BOOT-INF/lib/spring-core-6.1.0.jar");
        assertThat(paths(analysis, Layer.SNAPSHOT_DEPENDENCIES)).containsExactly("/app/BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar");
    }

    @Test
    void onlyWhatTheFatJarHoldsGoesIn() throws Exception {
        TestJar jar = bootJar();
        Dependency mavenDep = Inputs.dependency(tmp.resolve("repo"), "org.springframework", "spring-core", "6.1.0",
                "org.springframework.core.SpringVersion");

        Inputs inputs = project(jar).dependency(mavenDep);
        AppAnalysis analysis = inputs.analyze();

        List<ImageFile> files = analysis.layers().stream().flatMap(l -> l.files().stream()).toList();
        assertThat(files).extracting(ImageFile::imagePath).noneMatch(p -> p.startsWith("/app/lib/"));
        assertThat(files).allMatch(f -> f.source() instanceof FileSource.InJar inJar && inJar.jar().equals(inputs.artifactFile()));
        // every file entry of the jar (the manifest included), once
        assertThat(files).extracting(ImageFile::imagePath).doesNotHaveDuplicates()
                .hasSize(jar.entries().size() + 1);
        assertThat(analysis.naiveImageFiles()).containsExactly(inputs.artifactFile());
    }

    @Test
    void configuredMainClassOtherThanStartClassIsLaunchedDirectly() throws Exception {
        AppAnalysis analysis = project(bootJar()).mainClass("com.example.demo.Migrate").analyze();

        assertThat(analysis.mainClass()).isEqualTo("com.example.demo.Migrate");
        assertThat(analysis.launchArguments()).containsExactly(
                "-cp", "/app/BOOT-INF/classes/:/app/BOOT-INF/lib/*", "com.example.demo.Migrate");
    }

    @Test
    void configuredMainClassEqualToStartClassStillUsesTheLauncher() throws Exception {
        AppAnalysis analysis = project(bootJar()).mainClass(START_CLASS).analyze();

        assertThat(analysis.launchArguments()).containsExactly("-cp", "/app", LAUNCHER);
    }

    @Test
    void releaseComesFromTheApplicationClassesNotTheLoader() throws Exception {
        // application classes are Java 21, the loader's Java 17
        assertThat(project(bootJar()).analyze().javaRelease()).isEqualTo(21);
    }

    @Test
    void bootJarWithoutStartClassIsAnError() throws Exception {
        TestJar jar = TestJar.create().manifest("Main-Class", LAUNCHER)
                .entry("BOOT-INF/classes/com/example/demo/DemoApplication.class",
                        dev.slimimage.testing.ClassBytes.withMain(START_CLASS, 17));
        Inputs inputs = project(jar);

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("Start-Class").hasMessageContaining("repackage");
    }
}
