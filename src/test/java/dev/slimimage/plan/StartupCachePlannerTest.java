package dev.slimimage.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.AppLayout;
import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.Layer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StartupCachePlannerTest {

    private final List<String> notes = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final StartupCachePlanner planner = new StartupCachePlanner(notes::add, warnings::add);

    private static Layer layer(String name, String... imagePaths) {
        return new Layer(name, Arrays.stream(imagePaths)
                .map(p -> new ImageFile(p, new FileSource.OnDisk(Path.of("/nowhere" + p), 100))).toList());
    }

    static AppAnalysis springBoot(String springContextJar) {
        return new AppAnalysis(AppLayout.SPRING_BOOT, "com.example.demo.DemoApplication",
                List.of("-cp", "/app", "org.springframework.boot.loader.launch.JarLauncher"), 17, "project configuration",
                List.of(layer(Layer.DEPENDENCIES, "/app/BOOT-INF/lib/" + springContextJar, "/app/BOOT-INF/lib/spring-core-6.2.1.jar"),
                        layer(Layer.LOADER, "/app/org/springframework/boot/loader/launch/JarLauncher.class"),
                        layer(Layer.RESOURCES, "/app/BOOT-INF/classes/application.properties"),
                        layer(Layer.CLASSES, "/app/BOOT-INF/classes/com/example/demo/DemoApplication.class",
                                "/app/BOOT-INF/classes/com/example/demo/Greeting.class")),
                List.of());
    }

    static AppAnalysis plain() {
        return new AppAnalysis(AppLayout.PLAIN_JAR, "com.example.Main", List.of("-cp", "/app/classes:/app/lib/*", "com.example.Main"),
                17, "highest class-file version",
                List.of(layer(Layer.DEPENDENCIES, "/app/lib/guava-33.0.0-jre.jar"),
                        layer(Layer.RESOURCES, "/app/classes/app.properties"),
                        layer(Layer.CLASSES, "/app/classes/com/example/Main.class")),
                List.of());
    }

    private Optional<StartupCache> plan(String mode, RuntimeKind runtime, int release, AppAnalysis app, List<String> trainingArgs)
            throws ConfigurationException {
        return planner.plan(mode, runtime, release, true, app, List.of(), List.of(), trainingArgs);
    }

    @ParameterizedTest
    @CsvSource({"17, CDS", "21, CDS", "24, CDS", "25, AOT", "26, AOT"})
    void autoTrainsAnAotCacheFrom25AndDynamicAppCdsBelow(int release, StartupCache.Kind kind) throws ConfigurationException {
        StartupCache cache = plan("auto", RuntimeKind.JRE, release, springBoot("spring-context-6.2.1.jar"), List.of()).orElseThrow();

        assertThat(cache.kind()).isEqualTo(kind);
        assertThat(cache.javaRelease()).isEqualTo(release);
        assertThat(cache.trainingJvmFlags()).containsExactly("-Dspring.context.exit=onRefresh");
        assertThat(cache.archivePath()).isEqualTo(kind == StartupCache.Kind.CDS ? "/app/startup/app.jsa" : "/app/startup/app.aot");
        assertThat(cache.runtimeOption()).isEqualTo(kind == StartupCache.Kind.CDS
                ? "-XX:SharedArchiveFile=/app/startup/app.jsa" : "-XX:AOTCache=/app/startup/app.aot");
        assertThat(cache.trainingOption()).isEqualTo(kind == StartupCache.Kind.CDS
                ? "-XX:ArchiveClassesAtExit=/app/startup/app.jsa" : "-XX:AOTCacheOutput=/app/startup/app.aot");
    }

    @Test
    void noneAndUnsetTrainNothing() throws ConfigurationException {
        assertThat(plan(null, RuntimeKind.JRE, 25, plain(), List.of())).isEmpty();
        assertThat(plan("none", RuntimeKind.JRE, 25, plain(), List.of())).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void trainingArgumentsWithoutACacheAreNamedAsIgnored() throws ConfigurationException {
        assertThat(plan("none", RuntimeKind.JRE, 25, plain(), List.of("--exit"))).isEmpty();

        assertThat(warnings).singleElement().asString().contains("startupCache is none");
    }

    @Test
    void autoBelowJava17TrainsNothingAndSaysWhy() throws ConfigurationException {
        assertThat(plan("auto", RuntimeKind.JRE, 11, springBoot("spring-context-6.2.1.jar"), List.of())).isEmpty();

        assertThat(notes).singleElement().asString().contains("the runtime is Java 11").contains("Java 17 and later");
    }

    @ParameterizedTest
    @CsvSource({"cds, 11, needs a Java 17 or later runtime", "aot, 11, needs a Java 17 or later runtime",
        "aot, 17, startupCache=aot needs Java 25 or later", "aot, 24, startupCache=aot needs Java 25 or later",
        "sometimes, 25, Unknown startupCache 'sometimes'"})
    void whatCannotWorkIsRefusedWithTheReason(String mode, int release, String reason) {
        assertThatThrownBy(() -> plan(mode, RuntimeKind.JRE, release, springBoot("spring-context-6.2.1.jar"), List.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining(reason)
                .satisfies(e -> assertThat(((ConfigurationException) e).parameter()).isEqualTo("startupCache"));
    }

    @Test
    void explicitCdsWorksOnJava25() throws ConfigurationException {
        assertThat(plan("cds", RuntimeKind.JRE, 25, springBoot("spring-context-6.2.1.jar"), List.of()).orElseThrow().kind())
                .isEqualTo(StartupCache.Kind.CDS);
    }

    @Test
    void dynamicAppCdsOnALinkedRuntimeNeedsItsDefaultArchive() throws ConfigurationException {
        assertThatThrownBy(() -> planner.plan("auto", RuntimeKind.JLINK, 21, false, springBoot("spring-context-6.2.1.jar"),
                List.of(), List.of(), List.of()))
                .hasMessageContaining("jlinkCdsArchive=false leaves that out");
        // An AOT cache does not build on it.
        assertThat(planner.plan("auto", RuntimeKind.JLINK, 25, false, springBoot("spring-context-6.2.1.jar"), List.of(), List.of(),
                List.of())).isPresent();
    }

    @Test
    void aPlainJarWithoutTrainingArgumentsIsRefusedWithTheFix() {
        assertThatThrownBy(() -> plan("auto", RuntimeKind.JRE, 17, plain(), List.of()))
                .hasMessage("startupCache=auto needs a training run that starts the application and exits, and a plain jar with "
                        + "Maven-resolved dependencies has no standard way to do that: give the arguments of such a run with "
                        + "<trainingArgs> (-Dslim.startupCache.trainingArgs=…) or its JVM flags with <trainingJvmFlags>, or set "
                        + "startupCache=none.");
    }

    @Test
    void aPlainJarTrainsWithItsTrainingArguments() throws ConfigurationException {
        StartupCache cache = planner.plan("auto", RuntimeKind.JRE, 17, true, plain(), List.of("serve"), List.of("-Dwarm=true"),
                List.of("--warm-up", "--exit")).orElseThrow();

        assertThat(cache.trainingJvmFlags()).containsExactly("-Dwarm=true");
        assertThat(cache.trainingArgs()).containsExactly("--warm-up", "--exit");
    }

    @Test
    void springBootBefore61IsRefusedUnlessTrainingArgumentsAreGiven() throws ConfigurationException {
        assertThatThrownBy(() -> plan("auto", RuntimeKind.JRE, 17, springBoot("spring-context-6.0.13.jar"), List.of()))
                .hasMessageContaining("needs Spring Framework 6.1 (Spring Boot 3.2) or later, and this jar has Spring Framework 6.0")
                .hasMessageContaining("<trainingArgs>");
        StartupCache cache = plan("auto", RuntimeKind.JRE, 17, springBoot("spring-context-5.3.31.jar"), List.of("--exit"))
                .orElseThrow();
        assertThat(cache.trainingJvmFlags()).isEmpty();
        assertThat(cache.trainingArgs()).containsExactly("--exit");
    }

    @Test
    void springBootTrainsWithTheImagesArguments() throws ConfigurationException {
        StartupCache cache = planner.plan("auto", RuntimeKind.JRE, 17, true, springBoot("spring-context-7.0.0.jar"),
                List.of("--spring.profiles.active=prod"), List.of(), List.of()).orElseThrow();

        assertThat(cache.trainingArgs()).containsExactly("--spring.profiles.active=prod");
    }

    @Test
    void aWarIsRefused() {
        AppAnalysis war = new AppAnalysis(AppLayout.WAR, "org.apache.catalina.startup.Bootstrap", List.of("start"), 17, "x",
                List.of(), List.of());
        assertThatThrownBy(() -> plan("auto", RuntimeKind.JRE, 17, war, List.of("x")))
                .hasMessageContaining("cannot train on a war: Tomcat serves until it is stopped");
    }

    @Test
    void theClassRootBecomesOneJarPerLayerAndSpringBootStartsItsStartClass() {
        AppAnalysis packed = StartupCachePlanner.withClassRootPacked(springBoot("spring-context-6.2.1.jar"));

        assertThat(packed.launchArguments()).containsExactly("-cp",
                "/app/BOOT-INF/classes/resources.jar:/app/BOOT-INF/classes/classes.jar:/app/BOOT-INF/lib/spring-context-6.2.1.jar"
                        + ":/app/BOOT-INF/lib/spring-core-6.2.1.jar",
                "com.example.demo.DemoApplication");
        Layer classes = packed.layers().get(3);
        assertThat(classes.name()).isEqualTo(Layer.CLASSES);
        assertThat(classes.files()).singleElement().satisfies(f -> {
            assertThat(f.imagePath()).isEqualTo("/app/BOOT-INF/classes/classes.jar");
            assertThat(((FileSource.Packed) f.source()).entries()).containsOnlyKeys("com/example/demo/DemoApplication.class",
                    "com/example/demo/Greeting.class");
        });
        assertThat(packed.layers().get(0)).isEqualTo(springBoot("spring-context-6.2.1.jar").layers().get(0));
        assertThat(StartupCachePlanner.classPathDirectory(packed)).isEmpty();
    }

    @Test
    void aPlainJarsClassDirectoryIsReplacedByItsJarsInPlace() {
        AppAnalysis packed = StartupCachePlanner.withClassRootPacked(plain());

        assertThat(packed.launchArguments()).containsExactly("-cp",
                "/app/classes/resources.jar:/app/classes/classes.jar:/app/lib/guava-33.0.0-jre.jar", "com.example.Main");
        assertThat(StartupCachePlanner.classPathDirectory(plain())).contains("/app/classes");
    }

    @Test
    void anApplicationStartedFromAJarStaysAsItIs() {
        AppAnalysis quarkus = new AppAnalysis(AppLayout.QUARKUS_FAST_JAR, "io.quarkus.bootstrap.runner.QuarkusEntryPoint",
                List.of("-jar", "/app/quarkus-app/quarkus-run.jar"), 17, "x",
                List.of(layer(Layer.APPLICATION, "/app/quarkus-app/quarkus-run.jar")), List.of());

        assertThat(StartupCachePlanner.withClassRootPacked(quarkus)).isSameAs(quarkus);
    }
}
