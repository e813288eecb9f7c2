package dev.slimimage.pipeline;

import dev.slimimage.testing.RecordingLog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.context.ContextStager;
import dev.slimimage.context.FileDigests;
import dev.slimimage.analysis.AppLayout;
import dev.slimimage.analysis.ArtifactOrigin;
import dev.slimimage.analysis.Dependency;
import dev.slimimage.analysis.ProjectAnalyzer;
import dev.slimimage.analysis.ProjectInput;
import dev.slimimage.context.ContextStager;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.RuntimeKind;
import dev.slimimage.modules.ModuleChoice;
import dev.slimimage.modules.ModuleInputs;
import dev.slimimage.modules.ModuleSet;
import dev.slimimage.testing.ClassBytes;
import dev.slimimage.testing.TestJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module analysis reads the staged layers: which directories count as the application, which as its class path. */
class SlimImageBuilderModuleInputsTest {

    private static final Instant TIMESTAMP = Instant.parse("2024-03-01T12:00:00Z");
    private static final ImagePlan.JlinkOptions OPTIONS =
            new ImagePlan.JlinkOptions("en,fr", List.of("jdk.jfr"), List.of("java.desktop"));

    @TempDir
    Path tmp;

    private Path projectDir() {
        return tmp.resolve("project");
    }

    private Path context() {
        return projectDir().resolve("target/slim");
    }

    private static byte[] usingJdbc(String className) {
        return ClassBytes.callingStatic(className, 17, "java/sql/DriverManager", "getConnection",
                "(Ljava/lang/String;)Ljava/sql/Connection;");
    }

    private Dependency dependency(String groupPath, String fileName, TestJar content) throws IOException {
        Path file = content.writeTo(tmp.resolve("repo").resolve(groupPath).resolve(fileName));
        return new Dependency("g", fileName, "1", file, fileName.contains("SNAPSHOT"));
    }

    private ImagePlan plan(AppAnalysis app, List<String> jvmFlags) {
        return new ImagePlan(app, RuntimeKind.JLINK, "eclipse-temurin:17-jdk", "gcr.io/distroless/cc-debian12", "65532",
                jvmFlags, List.of(), Map.of(), TIMESTAMP, OPTIONS);
    }

    private AppAnalysis analyze(Path artifact, List<Dependency> dependencies) throws Exception {
        return new ProjectAnalyzer().analyze(new ProjectInput("com.example", "app", "jar", artifact,
                projectDir().resolve("target/classes"), dependencies, Optional.empty(), OptionalInt.empty()));
    }

    /** A plain jar whose classes use java.sql, with a resource, plus a release and a snapshot dependency. */
    private AppAnalysis plainApp() throws Exception {
        TestJar app = TestJar.create()
                .manifest("Main-Class", "com.example.Main")
                .mainClass("com.example.Main", 17)
                .entry("com/example/Db.class", usingJdbc("com.example.Db"))
                .entry("app.properties", "greeting=hello\n");
        app.extractTo(projectDir().resolve("target/classes"));
        Path jar = app.writeTo(projectDir().resolve("target/app-1.0.jar"));
        return analyze(jar, List.of(
                dependency("com/acme/scripting/1.0", "acme-scripting-1.0.jar", TestJar.create().clazz("com.acme.Engine", 11)
                        .entry("META-INF/services/javax.script.ScriptEngineFactory", "com.acme.Engine\n")),
                dependency("com/acme/util/1.2-SNAPSHOT", "acme-util-1.2-SNAPSHOT.jar", TestJar.create().clazz("com.acme.Util", 11))));
    }

    private ModuleInputs stagedInputs(ImagePlan plan) throws IOException {
        new ContextStager().stageLayers(plan, context());
        return SlimImageBuilder.moduleInputs(plan, context());
    }

    @Test
    void plainJarClassesAndResourcesAreTheApplicationAndEveryStagedJarIsTheClassPath() throws Exception {
        ModuleInputs inputs = stagedInputs(plan(plainApp(), List.of("-XX:MaxRAMPercentage=75")));

        Path layers = context().resolve("layers");
        assertThat(inputs.appRoots()).containsExactlyInAnyOrder(
                layers.resolve("classes/app/classes"), layers.resolve("resources/app/classes"));
        assertThat(inputs.classPath()).containsExactlyInAnyOrder(
                layers.resolve("dependencies/app/lib/acme-scripting-1.0.jar"),
                layers.resolve("snapshot-dependencies/app/lib/acme-util-1.2-SNAPSHOT.jar"));
        assertThat(inputs.classPath()).allMatch(Files::isRegularFile);
        assertThat(inputs.appRoots()).allMatch(Files::isDirectory);
        assertThat(inputs.appRoots().stream().filter(p -> p.startsWith(layers.resolve("classes"))).findFirst().orElseThrow()
                .resolve("com/example/Db.class")).isRegularFile();
    }

    @Test
    void releaseAndTheUsersJlinkChoicesArePassedOn() throws Exception {
        ModuleInputs inputs = stagedInputs(plan(plainApp(), List.of()));

        assertThat(inputs.release()).isEqualTo(17);
        assertThat(inputs.locales()).isEqualTo("en,fr");
        assertThat(inputs.addModules()).containsExactly("jdk.jfr");
        assertThat(inputs.excludeModules()).containsExactly("java.desktop");
        assertThat(inputs.agentReason()).isNull();
    }

    @Test
    void javaAgentFlagGivesAReasonNamingTheFlag() throws Exception {
        ModuleInputs inputs = stagedInputs(plan(plainApp(), List.of("-Xmx1g", "-javaagent:/app/agent/otel.jar=config")));

        assertThat(inputs.agentReason()).contains("agent").contains("-javaagent:/app/agent/otel.jar=config");
    }

    @Test
    void aLauncherAgentsJarIsStagedButNotAnalysedAndJavaInstrumentIsLinkedForIt() throws Exception {
        TestJar app = TestJar.create()
                .manifest("Main-Class", "com.example.Main")
                .manifest("Launcher-Agent-Class", "com.example.Agent")
                .mainClass("com.example.Main", 17)
                .clazz("com.example.Agent", 17);
        app.extractTo(projectDir().resolve("target/classes"));
        ImagePlan plan = plan(analyze(app.writeTo(projectDir().resolve("target/app-1.0.jar")), List.of()), List.of());

        ModuleInputs inputs = stagedInputs(plan);

        Path agentJar = context().resolve("layers/launcher-agent/app/launcher-agent/slim-launcher-agent.jar");
        assertThat(agentJar).isRegularFile();
        assertThat(Files.getLastModifiedTime(agentJar).toInstant()).isEqualTo(TIMESTAMP);
        assertThat(inputs.classPath()).isEmpty();
        assertThat(inputs.launchModules()).containsEntry("java.instrument",
                "the manifest's Launcher-Agent-Class com.example.Agent is started as an agent (-javaagent)");
        ModuleSet modules = SlimImageBuilder.stage(plan, context(), tmp.resolve("cache"), new RecordingLog()).modules().orElseThrow();
        assertThat(reasonsOf(modules, "java.instrument"))
                .contains("the manifest's Launcher-Agent-Class com.example.Agent is started as an agent (-javaagent)");
    }

    @Test
    void shadedJarsBundledLibrariesAreOneJarReadApartNamingEachLibrary() throws Exception {
        TestJar own = TestJar.create().mainClass("com.example.App", 17).entry("app.properties", "name=app\n");
        own.extractTo(projectDir().resolve("target/classes"));
        TestJar shaded = TestJar.create()
                .manifest("Main-Class", "com.example.App")
                .mainClass("com.example.App", 17)
                .entry("app.properties", "name=app\n")
                .entry("com/google/gson/Gson.class", usingJdbc("com.google.gson.Gson"))
                .entry("META-INF/maven/com.google.code.gson/gson/pom.properties", "groupId=com.google.code.gson\nartifactId=gson\n");
        Path jar = shaded.writeTo(projectDir().resolve("target/app-1.0.jar"));
        AppAnalysis app = analyze(jar, List.of(dependency("com/google/code/gson/gson/2.10.1", "gson-2.10.1.jar",
                TestJar.create().clazz("com.google.gson.Gson", 8))));
        assertThat(app.layout()).isEqualTo(AppLayout.SHADED_JAR);

        ModuleInputs inputs = stagedInputs(plan(app, List.of()));

        Path layers = context().resolve("layers");
        assertThat(inputs.classPath()).isEmpty();
        assertThat(inputs.bundled()).singleElement().satisfies(b -> {
            assertThat(b.jar()).isEqualTo(layers.resolve("shaded-dependencies/app/shaded/libraries.jar")).isRegularFile();
            assertThat(b.libraryByPackage()).containsEntry("com/google/gson", "gson-2.10.1.jar");
        });
        assertThat(inputs.appRoots()).containsExactlyInAnyOrder(
                layers.resolve("classes/app/classes"), layers.resolve("resources/app/classes"));

        ModuleSet modules = SlimImageBuilder.stage(plan(app, List.of()), context(), tmp.resolve("cache"), new RecordingLog())
                .modules().orElseThrow();
        // Gson's class (here) uses java.sql; the application's classes do not: the reason says so and names the library.
        assertThat(reasonsOf(modules, "java.sql")).containsExactly("used only by libraries: gson-2.10.1.jar");
        assertThat(modules.libraryOnly()).contains("java.sql");
        assertThat(modules.method()).contains("bytecode scan for the bundled libraries");
    }

    @Test
    void springBootClassesUnderBootInfAreTheApplicationAndItsLibJarsTheClassPath() throws Exception {
        String launcher = "org.springframework.boot.loader.launch.JarLauncher";
        String start = "com.example.demo.DemoApplication";
        TestJar own = TestJar.create().mainClass(start, 17).entry("application.properties", "server.port=8080\n");
        own.extractTo(projectDir().resolve("target/classes"));
        TestJar boot = TestJar.create()
                .manifest("Main-Class", launcher)
                .manifest("Start-Class", start)
                .manifest("Spring-Boot-Classes", "BOOT-INF/classes/")
                .manifest("Spring-Boot-Lib", "BOOT-INF/lib/")
                .entry(ClassBytes.entryName(launcher), ClassBytes.withMain(launcher, 17))
                .entry("BOOT-INF/classes/" + ClassBytes.entryName(start), ClassBytes.withMain(start, 17))
                .entry("BOOT-INF/classes/application.properties", "server.port=8080\n")
                .entry("BOOT-INF/lib/spring-jdbc-6.1.0.jar", Files.readAllBytes(TestJar.create()
                        .entry("org/springframework/jdbc/Db.class", usingJdbc("org.springframework.jdbc.Db"))
                        .writeTo(tmp.resolve("nested/spring-jdbc-6.1.0.jar"))))
                .entry("BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar", Files.readAllBytes(TestJar.create().clazz("com.acme.Util", 17)
                        .writeTo(tmp.resolve("nested/acme-util-1.0-SNAPSHOT.jar"))));
        AppAnalysis app = analyze(boot.writeTo(projectDir().resolve("target/app-1.0.jar")), List.of());
        assertThat(app.layout()).isEqualTo(AppLayout.SPRING_BOOT);

        ModuleInputs inputs = stagedInputs(plan(app, List.of()));

        Path layers = context().resolve("layers");
        assertThat(inputs.appRoots()).containsExactlyInAnyOrder(
                layers.resolve("classes/app/BOOT-INF/classes"), layers.resolve("resources/app/BOOT-INF/classes"));
        assertThat(inputs.classPath()).containsExactlyInAnyOrder(
                layers.resolve("dependencies/app/BOOT-INF/lib/spring-jdbc-6.1.0.jar"),
                layers.resolve("snapshot-dependencies/app/BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar"));
    }

    @Test
    void quarkusAppAndGeneratedJarsAreTheApplicationAndItsLibrariesTheClassPath() throws Exception {
        Path target = projectDir().resolve("target");
        TestJar.create().clazz("com.example.Hello", 17).extractTo(target.resolve("classes"));
        Path root = target.resolve("quarkus-app");
        TestJar.create().manifest("Main-Class", "io.quarkus.bootstrap.runner.QuarkusEntryPoint").writeTo(root.resolve("quarkus-run.jar"));
        TestJar.create().clazz("io.quarkus.bootstrap.runner.QuarkusEntryPoint", 17)
                .writeTo(root.resolve("lib/boot/io.quarkus.quarkus-bootstrap-runner-3.33.2.jar"));
        TestJar.create().entry("io/netty/Jndi.class", usingJdbc("io.netty.Jndi")).writeTo(root.resolve("lib/main/io.netty.netty-common-4.1.jar"));
        TestJar.create().clazz("io.quarkus.runner.GeneratedMain", 17).writeTo(root.resolve("quarkus/generated-bytecode.jar"));
        TestJar.create().entry("com/example/Db.class", usingJdbc("com.example.Db")).writeTo(root.resolve("app/app-1.0.jar"));
        Files.writeString(target.resolve("quarkus-artifact.properties"), "path=quarkus-app/quarkus-run.jar\ntype=jar\n");
        AppAnalysis app = new ProjectAnalyzer().analyze(new ProjectInput("com.example", "app", "quarkus", null,
                target.resolve("classes"), List.of(), Optional.empty(), OptionalInt.empty(), ArtifactOrigin.PROJECT_JAR, target, false));
        assertThat(app.layout()).isEqualTo(AppLayout.QUARKUS_FAST_JAR);

        ModuleInputs inputs = stagedInputs(plan(app, List.of()));

        Path layers = context().resolve("layers");
        assertThat(inputs.appRoots()).containsExactlyInAnyOrder(
                layers.resolve("application/app/quarkus-app/app/app-1.0.jar"),
                layers.resolve("application/app/quarkus-app/quarkus/generated-bytecode.jar"),
                layers.resolve("application/app/quarkus-app/quarkus-run.jar"));
        assertThat(inputs.classPath()).containsExactlyInAnyOrder(
                layers.resolve("boot-dependencies/app/quarkus-app/lib/boot/io.quarkus.quarkus-bootstrap-runner-3.33.2.jar"),
                layers.resolve("dependencies/app/quarkus-app/lib/main/io.netty.netty-common-4.1.jar"));
        assertThat(inputs.appRoots()).allMatch(Files::isRegularFile);
    }

    @Test
    void stagingALinkedRuntimeWritesTheModulesTheStagedLayersNeedIntoTheDockerfile() throws Exception {
        ImagePlan plan = plan(plainApp(), List.of("-javaagent:/app/lib/agent.jar"));
        RecordingLog log = new RecordingLog();
        Path cache = tmp.resolve("cache");

        StagedContext staged = SlimImageBuilder.stage(plan, context(), cache, log);

        ModuleSet modules = staged.modules().orElseThrow();
        assertThat(modules.method()).startsWith("class-file scan by jdeps' rules");
        assertThat(modules.names()).contains("java.sql", "java.scripting", "java.instrument", "jdk.jfr", "jdk.localedata")
                .doesNotContain("java.desktop");
        assertThat(reasonsOf(modules, "java.sql")).anyMatch(r -> r.contains("the application's classes"));
        assertThat(reasonsOf(modules, "java.scripting")).anyMatch(r -> r.contains("acme-scripting-1.0.jar"));
        assertThat(modules.includeLocales()).isEqualTo("en,fr");
        String dockerfile = Files.readString(staged.dockerfilePath());
        assertThat(dockerfile).isEqualTo(staged.dockerfile().render())
                .contains("jlink --add-modules " + String.join(",", modules.names()) + " \\\n")
                .contains("--include-locales=en,fr");

        StagedContext again = SlimImageBuilder.stage(plan, context(), cache, log);

        assertThat(again.modules().orElseThrow().method()).endsWith("(cached: classes and dependencies unchanged)");
        assertThat(again.modules().orElseThrow().modules()).isEqualTo(modules.modules());
    }

    @Test
    void aWarsClassesAreTheApplicationItsWebInfLibTheClassPathAndTomcatsModulesComeWithTheirReason() throws Exception {
        TestJar war = TestJar.create()
                .entry("WEB-INF/web.xml", "<web-app/>")
                .entry("WEB-INF/classes/com/example/web/Db.class", usingJdbc("com.example.web.Db"))
                .entry("WEB-INF/lib/acme-util-1.0.jar", Files.readAllBytes(TestJar.create().clazz("com.acme.Util", 17)
                        .writeTo(tmp.resolve("nested/acme-util-1.0.jar"))));
        AppAnalysis app = new ProjectAnalyzer().analyze(new ProjectInput("com.example", "web", "war",
                war.writeTo(projectDir().resolve("target/web-1.0.war")), projectDir().resolve("target/classes"), List.of(),
                Optional.empty(), OptionalInt.empty()));
        ImagePlan plan = new ImagePlan(app, RuntimeKind.JLINK, "eclipse-temurin:17-jdk", "gcr.io/distroless/cc-debian12", "65532",
                List.of(), List.of("8080"), Map.of(), TIMESTAMP, ImagePlan.JlinkOptions.DEFAULTS, List.of(), Optional.of("tomcat:10.1-jre17"));

        StagedContext staged = SlimImageBuilder.stage(plan, context(), tmp.resolve("cache"), new RecordingLog());

        Path layers = context().resolve("layers");
        ModuleInputs inputs = SlimImageBuilder.moduleInputs(plan, context());
        assertThat(inputs.appRoots()).contains(layers.resolve("classes/usr/local/tomcat/webapps/ROOT/WEB-INF/classes"));
        assertThat(inputs.classPath()).containsExactly(
                layers.resolve("dependencies/usr/local/tomcat/webapps/ROOT/WEB-INF/lib/acme-util-1.0.jar"));
        ModuleSet modules = staged.modules().orElseThrow();
        assertThat(reasonsOf(modules, "java.sql")).anyMatch(r -> r.contains("the application's classes"))
                .anyMatch(r -> r.contains("Tomcat 10.1"));
        assertThat(reasonsOf(modules, "java.instrument")).containsExactly("used by Tomcat 10.1 (the servlet container)");
        assertThat(modules.names()).contains("java.management", "java.naming", "java.rmi", "java.desktop", "java.compiler");
        assertThat(layers.resolve("servlet-container-writable/temp")).isEmptyDirectory();
        assertThat(layers.resolve("servlet-container-config/usr/local/tomcat/conf/Catalina/localhost")).isEmptyDirectory();
    }

    @Test
    void stagingARuntimeFromTheBaseImageComputesNoModules() throws Exception {
        AppAnalysis app = plainApp();
        ImagePlan jre = new ImagePlan(app, RuntimeKind.JRE, "eclipse-temurin:17-jdk", "eclipse-temurin:17-jre", "65532",
                List.of(), List.of(), Map.of(), TIMESTAMP, ImagePlan.JlinkOptions.DEFAULTS);

        StagedContext staged = SlimImageBuilder.stage(jre, context(), tmp.resolve("cache"), new RecordingLog());

        assertThat(staged.modules()).isEmpty();
        try (var kept = Files.list(tmp.resolve("cache"))) {
            assertThat(kept.map(p -> p.getFileName().toString())).as("only what staging keeps, no module analysis")
                    .isSubsetOf(ContextStager.STAGED_RECORD_FILE, FileDigests.CACHE_FILE);
        }
        assertThat(Files.readString(staged.dockerfilePath())).doesNotContain("jlink");
    }

    private static List<String> reasonsOf(ModuleSet set, String module) {
        return set.modules().stream().filter(m -> m.name().equals(module)).findFirst().map(ModuleChoice::reasons)
                .orElseThrow(() -> new AssertionError(module + " not in " + set.names()));
    }
}
