package dev.slimimage.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.analysis.AnalysisException;
import dev.slimimage.analysis.AppLayout;
import dev.slimimage.analysis.ProjectInput;
import dev.slimimage.testing.ClassBytes;
import dev.slimimage.testing.TestJar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WarPlanTest {

    @TempDir
    Path tmp;

    private final List<String> warnings = new ArrayList<>();

    private ProjectInput project(String packaging, int release) throws Exception {
        TestJar archive = packaging.equals("war")
                ? TestJar.create().entry("WEB-INF/web.xml", "<web-app/>")
                        .entry("WEB-INF/classes/com/example/Hello.class", ClassBytes.plain("com.example.Hello", release))
                : TestJar.create().mainClass("com.example.Main", release);
        Path file = archive.writeTo(tmp.resolve("target/app-1.0." + packaging));
        return new ProjectInput("com.example", "app", packaging, file, tmp.resolve("target/classes"), List.of(), Optional.empty(),
                OptionalInt.empty());
    }

    private ImagePlan plan(String packaging, int release, Consumer<Requests> settings) throws Exception {
        Requests request = new Requests();
        settings.accept(request);
        return new PlanFactory(warnings::add).plan(request.build(), project(packaging, release), Map.of());
    }

    @ParameterizedTest
    @CsvSource({
            "jre, 17, tomcat:10.1-jre17, tomcat:10.1-jre17",
            "jre, 25, tomcat:10.1-jre25, tomcat:10.1-jre25",
            "distroless, 17, gcr.io/distroless/java17-debian12, tomcat:10.1-jre17",
            "jlink, 25, gcr.io/distroless/cc-debian12, tomcat:10.1-jre25"})
    void aWarRunsOnTheReleasesTomcatImageOrHasTomcatCopiedFromIt(String runtime, int release, String runtimeImage, String container)
            throws Exception {
        ImagePlan plan = plan("war", release, r -> r.runtime = runtime);

        assertThat(plan.app().layout()).isEqualTo(AppLayout.WAR);
        assertThat(plan.runtimeImage()).isEqualTo(runtimeImage);
        assertThat(plan.servletContainerImage()).contains(container);
        assertThat(plan.builderImage()).isEqualTo("eclipse-temurin:" + release + "-jdk");
        assertThat(warnings).isEmpty();
    }

    @Test
    void argsAreRefusedForAWarWhoseTomcatWouldTakeThemAsItsCommand() throws Exception {
        assertThatThrownBy(() -> plan("war", 17, r -> r.args.addAll(List.of("--conf", "app.yml"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("args (--conf app.yml) cannot go to a war project's image, which starts Tomcat, whose Bootstrap would "
                        + "take the last one as its command (start, stop) instead of passing them to the web application: remove "
                        + "args (slim.args) and give the application its settings as -D system properties in jvmFlags or as "
                        + "environment variables.")
                .extracting(e -> ((ConfigurationException) e).parameter()).isEqualTo("args");
        assertThat(plan("jar", 17, r -> r.args.addAll(List.of("--conf", "app.yml"))).args()).containsExactly("--conf", "app.yml");
    }

    @Test
    void aWarExposesTomcatsPortUnlessPortsAreSet() throws Exception {
        assertThat(plan("war", 17, r -> { }).ports()).containsExactly("8080");
        assertThat(plan("war", 17, r -> r.ports.add("9090")).ports()).containsExactly("9090");
    }

    @Test
    void theServletContainerImageCanBeChosenAndIsCheckedLikeTheOtherBaseImages() throws Exception {
        ImagePlan plan = plan("war", 17, r -> r.servletContainerImage = " registry.example.com/web/tomcat:10.1.59-jre17 ");

        assertThat(plan.servletContainerImage()).contains("registry.example.com/web/tomcat:10.1.59-jre17");
        assertThat(plan.runtimeImage()).isEqualTo("registry.example.com/web/tomcat:10.1.59-jre17");
        assertThatThrownBy(() -> plan("war", 17, r -> r.servletContainerImage = "Tomcat 10"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("servletContainerImage");
    }

    @Test
    void aJarHasNoServletContainerAndSettingOneWarns() throws Exception {
        ImagePlan plan = plan("jar", 17, r -> r.servletContainerImage = "tomcat:10.1-jre17");

        assertThat(plan.servletContainerImage()).isEmpty();
        assertThat(plan.runtimeImage()).isEqualTo("eclipse-temurin:17-jre");
        assertThat(plan.ports()).isEmpty();
        assertThat(warnings).singleElement().asString().contains("servletContainerImage tomcat:10.1-jre17 is ignored");
    }

    @Test
    void aWarWithoutWebInfIsRefused() {
        assertThatThrownBy(() -> new PlanFactory(warnings::add).plan(new Requests().build(),
                new ProjectInput("com.example", "app", "war", TestJar.create().mainClass("com.example.Main", 17)
                        .writeTo(tmp.resolve("target/app.war")), tmp.resolve("target/classes"), List.of(), Optional.empty(),
                        OptionalInt.empty()), Map.of()))
                .isInstanceOf(AnalysisException.class).hasMessageContaining("WEB-INF/");
    }
}
