package dev.slimimage.dockerfile;

import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.RuntimeKind;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.AppLayout;
import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.LaunchManifest;
import dev.slimimage.analysis.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileGeneratorTest {

    private static final Instant TIMESTAMP = Instant.parse("2024-01-01T00:00:00Z");

    static Layer layer(String name, String... imagePaths) {
        return new Layer(name, java.util.Arrays.stream(imagePaths)
                .map(p -> new ImageFile(p, new FileSource.OnDisk(Path.of("/nowhere" + p), 100)))
                .toList());
    }

    static ImagePlan plainPlan() {
        AppAnalysis app = new AppAnalysis(AppLayout.PLAIN_JAR, "com.example.Main",
                List.of("-cp", "/app/classes:/app/lib/*", "com.example.Main"), 17, "highest class-file version",
                List.of(layer(Layer.DEPENDENCIES, "/app/lib/guava-33.0.0-jre.jar"),
                        layer(Layer.SNAPSHOT_DEPENDENCIES, "/app/lib/acme-util-1.2-SNAPSHOT.jar"),
                        layer(Layer.RESOURCES, "/app/classes/app.properties"),
                        layer(Layer.CLASSES, "/app/classes/com/example/Main.class")),
                List.of());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.version", "1.0");
        labels.put("org.opencontainers.image.title", "app");
        return new ImagePlan(app, RuntimeKind.JRE, "eclipse-temurin:17-jdk", "eclipse-temurin:17-jre", "65532",
                List.of("-XX:MaxRAMPercentage=75"), List.of(), labels, TIMESTAMP, ImagePlan.JlinkOptions.DEFAULTS);
    }

    static ImagePlan springBootPlan() {
        AppAnalysis app = new AppAnalysis(AppLayout.SPRING_BOOT, "com.example.demo.DemoApplication",
                List.of("-cp", "/app", "org.springframework.boot.loader.launch.JarLauncher"), 21, "project configuration",
                List.of(layer(Layer.DEPENDENCIES, "/app/BOOT-INF/lib/spring-core-6.1.0.jar"),
                        layer("company-dependencies", "/app/BOOT-INF/lib/acme-common-2.0.jar"),
                        layer(Layer.SNAPSHOT_DEPENDENCIES, "/app/BOOT-INF/lib/acme-util-1.0-SNAPSHOT.jar"),
                        layer(Layer.LOADER, "/app/org/springframework/boot/loader/launch/JarLauncher.class"),
                        layer(Layer.RESOURCES, "/app/BOOT-INF/classes/application.properties"),
                        layer(Layer.CLASSES, "/app/BOOT-INF/classes/com/example/demo/DemoApplication.class")),
                List.of());
        Map<String, String> labels = Map.of(
                "org.opencontainers.image.title", "demo",
                "org.opencontainers.image.description", "Says \"hello\" from C:\\temp",
                "com.example.team", "payments");
        return new ImagePlan(app, RuntimeKind.DISTROLESS, "eclipse-temurin:21-jdk", "gcr.io/distroless/java21-debian12",
                "65532:65532", List.of("-Xmx512m", "-Dgreeting=\"hi\""), List.of("8080", "8125/udp"), labels, TIMESTAMP, ImagePlan.JlinkOptions.DEFAULTS);
    }

    static String golden(String name) throws IOException {
        try (InputStream in = DockerfileGeneratorTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void plainJarOnJreMatchesGoldenFile() throws IOException {
        String actual = new DockerfileGenerator().generate(plainPlan(), Optional.empty()).render();

        assertThat(actual).isEqualTo(golden("plain-jre.Dockerfile"));
    }

    @Test
    void anEditRebuildsOnlyTheChangedLayer() {
        // The classic builder makes an intermediate container for every instruction after the first changed one: after
        // a one-class edit nothing follows the classes layer; the labels (which name the commit) come right before it.
        List<Instruction> image = new DockerfileGenerator().generate(springBootPlan(), Optional.empty()).stages().get(0).instructions();
        int classes = image.indexOf(image.stream().filter(i -> Layer.CLASSES.equals(i.layer())).findFirst().orElseThrow());
        assertThat(classes).isEqualTo(image.size() - 1);
        assertThat(image.get(classes - 1)).isInstanceOf(Instruction.Labels.class);
        assertThat(image.subList(0, classes)).hasAtLeastOneElementOfType(Instruction.Entrypoint.class)
                .hasAtLeastOneElementOfType(Instruction.User.class).hasAtLeastOneElementOfType(Instruction.Workdir.class)
                .hasAtLeastOneElementOfType(Instruction.Expose.class);
    }

    @Test
    void springBootOnDistrolessWithPortsAndEscapedLabelsMatchesGoldenFile() throws IOException {
        String actual = new DockerfileGenerator().generate(springBootPlan(), Optional.empty()).render();

        assertThat(actual).isEqualTo(golden("spring-boot-distroless.Dockerfile"));
    }

    @Test
    void manifestOptionsAndDefaultArgumentsMatchGoldenFile() throws IOException {
        // What java -jar takes from the manifest goes before -cp; the default arguments are a CMD after the ENTRYPOINT.
        ImagePlan plain = plainPlan();
        AppAnalysis app = plain.app();
        LaunchManifest manifest = new LaunchManifest(List.of("jdk.compiler/com.sun.tools.javac.util"), List.of("java.base/java.lang"),
                false, Optional.empty());
        List<String> launch = new java.util.ArrayList<>(manifest.jvmOptions());
        launch.addAll(app.launchArguments());
        ImagePlan plan = new ImagePlan(new AppAnalysis(app.layout(), app.mainClass(), launch, app.javaRelease(), app.releaseSource(),
                app.layers(), app.naiveImageFiles(), manifest), plain.runtime(), plain.builderImage(), plain.runtimeImage(),
                plain.user(), plain.jvmFlags(), plain.ports(), plain.labels(), TIMESTAMP, ImagePlan.JlinkOptions.DEFAULTS,
                List.of("run", "io.vertx.starter.MainVerticle", "--conf", "a b.json", "say \"hi\""));

        String actual = new DockerfileGenerator().generate(plan, Optional.empty()).render();

        assertThat(actual).isEqualTo(golden("plain-manifest-args.Dockerfile"));
    }

    @Test
    void launcherAgentLayerComesFirstAndItsAgentOptionBeforeTheClassPathMatchesGoldenFile() throws IOException {
        // java -jar starts a Launcher-Agent-Class before main; the image does it with the plugin's agent jar.
        ImagePlan plain = plainPlan();
        AppAnalysis app = plain.app();
        LaunchManifest manifest = new LaunchManifest(List.of(), List.of(), false, Optional.of("com.example.Agent"),
                List.of("Can-Retransform-Classes"));
        List<String> launch = new java.util.ArrayList<>(manifest.jvmOptions());
        launch.addAll(app.launchArguments());
        List<Layer> layers = new java.util.ArrayList<>();
        layers.add(manifest.launcherAgentLayer().orElseThrow());
        layers.addAll(app.layers());
        ImagePlan plan = new ImagePlan(new AppAnalysis(app.layout(), app.mainClass(), launch, app.javaRelease(), app.releaseSource(),
                layers, app.naiveImageFiles(), manifest), RuntimeKind.DISTROLESS, plain.builderImage(), "gcr.io/distroless/java17-debian12",
                plain.user(), plain.jvmFlags(), plain.ports(), plain.labels(), TIMESTAMP, ImagePlan.JlinkOptions.DEFAULTS);

        String actual = new DockerfileGenerator().generate(plan, Optional.empty()).render();

        assertThat(actual).isEqualTo(golden("plain-launcher-agent-distroless.Dockerfile"));
    }

    @Test
    void noDefaultArgumentsNoCmd() {
        assertThat(new DockerfileGenerator().generate(plainPlan(), Optional.empty()).render()).doesNotContain("CMD");
    }

    @Test
    void usesClassicBuilderSyntaxOnly() {
        for (ImagePlan plan : List.of(plainPlan(), springBootPlan())) {
            String dockerfile = new DockerfileGenerator().generate(plan, Optional.empty()).render();

            assertThat(dockerfile).doesNotContainIgnoringCase("# syntax")
                    .doesNotContain("--mount")
                    .doesNotContain("<<")
                    .doesNotContain("--link")
                    .doesNotContain("--chmod");
        }
    }

    @Test
    void onlyTheFinalStageIsEmittedAndItStartsFromTheRuntimeImage() {
        Dockerfile dockerfile = new DockerfileGenerator().generate(springBootPlan(), Optional.empty());

        assertThat(dockerfile.finalStage().baseImage()).isEqualTo("gcr.io/distroless/java21-debian12");
        assertThat(dockerfile.render().lines().filter(l -> l.startsWith("FROM "))).hasSize(1);
    }

    @Test
    void everyLineOfTheHeaderIsAComment() {
        String dockerfile = new DockerfileGenerator().generate(plainPlan(), Optional.empty()).render();
        List<String> beforeFrom = dockerfile.lines().takeWhile(l -> !l.startsWith("FROM ")).filter(l -> !l.isEmpty()).toList();

        assertThat(beforeFrom).isNotEmpty().allMatch(l -> l.startsWith("# "));
    }

    @Test
    void aLayerNameWithASpaceIsCopiedInJsonFormAndOrdinaryNamesAreNot() {
        // A Spring Boot layers.idx may name a layer "my layer": COPY layers/my layer/ / would read as three arguments.
        ImagePlan plain = plainPlan();
        AppAnalysis app = plain.app();
        List<Layer> layers = new java.util.ArrayList<>(app.layers());
        layers.add(1, layer("my layer", "/app/lib/acme-common-2.0.jar"));
        ImagePlan plan = new ImagePlan(new AppAnalysis(app.layout(), app.mainClass(), app.launchArguments(), app.javaRelease(),
                app.releaseSource(), layers, app.naiveImageFiles()), plain.runtime(), plain.builderImage(), plain.runtimeImage(),
                plain.user(), plain.jvmFlags(), plain.ports(), plain.labels(), TIMESTAMP, ImagePlan.JlinkOptions.DEFAULTS);

        String dockerfile = new DockerfileGenerator().generate(plan, Optional.empty()).render();

        assertThat(dockerfile).contains("COPY layers/dependencies/ /\nCOPY [\"layers/my layer/\", \"/\"]\nCOPY layers/snapshot-dependencies/ /\n");
    }
}
