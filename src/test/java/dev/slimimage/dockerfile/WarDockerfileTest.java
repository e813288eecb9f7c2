package dev.slimimage.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.AppLayout;
import dev.slimimage.analysis.Layer;
import dev.slimimage.analysis.ServletContainer;
import dev.slimimage.modules.ModuleChoice;
import dev.slimimage.modules.ModuleSet;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.RuntimeKind;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WarDockerfileTest {

    private static final String ROOT = ServletContainer.ROOT_WEBAPP;

    static ImagePlan warPlan(RuntimeKind runtime, String runtimeImage, String user) {
        AppAnalysis app = new AppAnalysis(AppLayout.WAR, ServletContainer.MAIN_CLASS, ServletContainer.launchArguments(), 17,
                "project configuration",
                List.of(DockerfileGeneratorTest.layer(Layer.DEPENDENCIES, ROOT + "/WEB-INF/lib/commons-lang3-3.17.0.jar"),
                        DockerfileGeneratorTest.layer(Layer.RESOURCES, ROOT + "/index.jsp", ROOT + "/WEB-INF/web.xml"),
                        DockerfileGeneratorTest.layer(Layer.CLASSES, ROOT + "/WEB-INF/classes/com/example/web/HelloServlet.class")),
                List.of());
        return new ImagePlan(app, runtime, "eclipse-temurin:17-jdk", runtimeImage, user, List.of("-XX:MaxRAMPercentage=75"),
                List.of("8080"), Map.of("org.opencontainers.image.title", "web"), Instant.parse("2024-01-01T00:00:00Z"),
                ImagePlan.JlinkOptions.DEFAULTS, List.of(), Optional.of("tomcat:10.1-jre17"));
    }

    @Test
    void warOnTomcatsOwnImageMatchesGoldenFile() throws IOException {
        String actual = new DockerfileGenerator().generate(warPlan(RuntimeKind.JRE, "tomcat:10.1-jre17", "65532"), Optional.empty())
                .render();

        assertThat(actual).isEqualTo(DockerfileGeneratorTest.golden("war-jre.Dockerfile"));
    }

    @Test
    void warOnALinkedRuntimeMatchesGoldenFile() throws IOException {
        ModuleSet modules = new ModuleSet(List.of(new ModuleChoice("java.base", List.of("the Java runtime itself")),
                new ModuleChoice("java.management", List.of("used by Tomcat 10.1 (the servlet container)"))), "jdeps 17", "en",
                List.of());
        String actual = new DockerfileGenerator().generate(warPlan(RuntimeKind.JLINK, "gcr.io/distroless/cc-debian12", "65532"),
                Optional.of(modules)).render();

        assertThat(actual).isEqualTo(DockerfileGeneratorTest.golden("war-jlink.Dockerfile"));
    }

    @Test
    void onDistrolessTomcatIsCopiedFromItsImageAndTheWritableDirectoriesBelongToTheUser() {
        Dockerfile dockerfile = new DockerfileGenerator().generate(
                warPlan(RuntimeKind.DISTROLESS, "gcr.io/distroless/java17-debian12", "1000:1000"), Optional.empty());

        assertThat(dockerfile.stages()).extracting(Stage::name, Stage::baseImage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("servlet-container", "tomcat:10.1-jre17"),
                        org.assertj.core.groups.Tuple.tuple(null, "gcr.io/distroless/java17-debian12"));
        List<String> finalLayers = dockerfile.finalStage().instructions().stream().map(Instruction::layer)
                .filter(java.util.Objects::nonNull).toList();
        assertThat(finalLayers).containsExactly("servlet-container", "servlet-container-writable", "servlet-container-config",
                "dependencies", "resources",
                "classes");
        assertThat(dockerfile.render()).contains("COPY --chown=1000:1000 layers/servlet-container-writable/ /usr/local/tomcat/\n")
                .contains("USER 1000:1000\n").contains("WORKDIR /usr/local/tomcat\n")
                .contains("# Runtime: distroless on gcr.io/distroless/java17-debian12, Tomcat from tomcat:10.1-jre17.");
    }
}
