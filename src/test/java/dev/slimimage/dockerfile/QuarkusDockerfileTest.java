package dev.slimimage.dockerfile;

import static dev.slimimage.dockerfile.DockerfileGeneratorTest.layer;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.AppLayout;
import dev.slimimage.analysis.Layer;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.RuntimeKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Quarkus's fast-jar and uber-jar, on each runtime, against golden files. */
class QuarkusDockerfileTest {

    private static final Instant TIMESTAMP = Instant.parse("2024-01-01T00:00:00Z");
    private static final Map<String, String> LABELS = Map.of("org.opencontainers.image.title", "greeter",
            "org.opencontainers.image.version", "1.0");

    static AppAnalysis fastJar() {
        return new AppAnalysis(AppLayout.QUARKUS_FAST_JAR, "io.quarkus.bootstrap.runner.QuarkusEntryPoint",
                List.of("-jar", "/app/quarkus-app/quarkus-run.jar"), 17, "highest class-file version",
                List.of(layer("boot-dependencies", "/app/quarkus-app/lib/boot/io.quarkus.quarkus-bootstrap-runner-3.33.2.jar"),
                        layer(Layer.DEPENDENCIES, "/app/quarkus-app/lib/main/io.vertx.vertx-core-4.5.27.jar"),
                        layer(Layer.SNAPSHOT_DEPENDENCIES, "/app/quarkus-app/lib/main/com.acme.acme-util-1.0-SNAPSHOT.jar"),
                        layer(Layer.APPLICATION, "/app/quarkus-app/quarkus-run.jar", "/app/quarkus-app/quarkus/generated-bytecode.jar",
                                "/app/quarkus-app/app/greeter-1.0.jar")),
                List.of());
    }

    private static ImagePlan plan(AppAnalysis app, RuntimeKind runtime) {
        return new ImagePlan(app, runtime, runtime.defaultBuilderImage(17), runtime.defaultImage(17), "65532",
                List.of("-XX:MaxRAMPercentage=75"), List.of("8080"), LABELS, TIMESTAMP, ImagePlan.JlinkOptions.DEFAULTS);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = QuarkusDockerfileTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void fastJarOnJreMatchesGoldenFile() throws IOException {
        String actual = new DockerfileGenerator().generate(plan(fastJar(), RuntimeKind.JRE), Optional.empty()).render();

        assertThat(actual).isEqualTo(golden("quarkus-fast-jar-jre.Dockerfile"));
    }

    @Test
    void fastJarOnLinkedRuntimeMatchesGoldenFile() throws IOException {
        String actual = new DockerfileGenerator().generate(plan(fastJar(), RuntimeKind.JLINK),
                Optional.of(JlinkDockerfileTest.modules("en"))).render();

        assertThat(actual).isEqualTo(golden("quarkus-fast-jar-jlink.Dockerfile"));
    }

    @Test
    void uberJarOnDistrolessMatchesGoldenFile() throws IOException {
        AppAnalysis uber = new AppAnalysis(AppLayout.QUARKUS_UBER_JAR, "io.quarkus.runner.GeneratedMain",
                List.of("-jar", "/app/greeter-1.0-runner.jar"), 17, "class-file version of Quarkus's launcher",
                List.of(layer(Layer.APPLICATION, "/app/greeter-1.0-runner.jar")), List.of());

        String actual = new DockerfileGenerator().generate(plan(uber, RuntimeKind.DISTROLESS), Optional.empty()).render();

        assertThat(actual).isEqualTo(golden("quarkus-uber-jar-distroless.Dockerfile"));
    }
}
