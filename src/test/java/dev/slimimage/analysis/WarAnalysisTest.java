package dev.slimimage.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.testing.ClassBytes;
import dev.slimimage.testing.TestJar;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarAnalysisTest {

    @TempDir
    Path tmp;

    private static final String ROOT = "/usr/local/tomcat/webapps/ROOT/";

    private AppAnalysis analyzeWar(TestJar war) throws Exception {
        return Inputs.in(tmp).jar(war, null).packaging("war").analyze();
    }

    private static TestJar webApp() {
        return TestJar.create()
                .entry("index.jsp", "<%= 6 * 7 %>")
                .entry("css/site.css", "body {}")
                .entry("WEB-INF/web.xml", "<web-app/>")
                .entry("WEB-INF/lib/commons-lang3-3.17.0.jar", "jar bytes")
                .entry("WEB-INF/lib/acme-util-1.0-SNAPSHOT.jar", "jar bytes")
                .entry("WEB-INF/classes/app.properties", "greeting=hi")
                .entry("WEB-INF/classes/com/example/web/HelloServlet.class", ClassBytes.plain("com.example.web.HelloServlet", 21))
                .entry("META-INF/maven/com.example/app/pom.properties", "version=1");
    }

    private static Map<String, List<String>> pathsByLayer(AppAnalysis app) {
        return app.layers().stream().collect(Collectors.toMap(Layer::name,
                l -> l.files().stream().map(ImageFile::imagePath).sorted().toList(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @Test
    void webInfLibThenResourcesThenClassesAllInTomcatsRootWebapp() throws Exception {
        AppAnalysis app = analyzeWar(webApp());

        assertThat(app.layout()).isEqualTo(AppLayout.WAR);
        Map<String, List<String>> layers = pathsByLayer(app);
        assertThat(layers.keySet()).containsExactly(Layer.DEPENDENCIES, Layer.SNAPSHOT_DEPENDENCIES, Layer.RESOURCES, Layer.CLASSES);
        assertThat(layers.get(Layer.DEPENDENCIES)).containsExactly(ROOT + "WEB-INF/lib/commons-lang3-3.17.0.jar");
        assertThat(layers.get(Layer.SNAPSHOT_DEPENDENCIES)).containsExactly(ROOT + "WEB-INF/lib/acme-util-1.0-SNAPSHOT.jar");
        assertThat(layers.get(Layer.RESOURCES)).contains(ROOT + "index.jsp", ROOT + "css/site.css", ROOT + "WEB-INF/web.xml",
                ROOT + "WEB-INF/classes/app.properties", ROOT + "META-INF/MANIFEST.MF");
        assertThat(layers.get(Layer.CLASSES)).containsExactly(ROOT + "WEB-INF/classes/com/example/web/HelloServlet.class");
    }

    @Test
    void startsTomcatWithoutAShellAndTakesTheReleaseFromWebInfClasses() throws Exception {
        AppAnalysis app = analyzeWar(webApp());

        assertThat(app.mainClass()).isEqualTo("org.apache.catalina.startup.Bootstrap");
        assertThat(app.launchArguments()).endsWith("-Djava.io.tmpdir=/usr/local/tomcat/temp", "org.apache.catalina.startup.Bootstrap",
                "start");
        assertThat(app.launchArguments()).contains("-cp", "/usr/local/tomcat/bin/bootstrap.jar:/usr/local/tomcat/bin/tomcat-juli.jar",
                "-Dcatalina.home=/usr/local/tomcat", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        assertThat(app.javaRelease()).isEqualTo(21);
        assertThat(app.releaseSource()).isEqualTo("highest class-file version");
        assertThat(app.classRoot()).isEqualTo("/usr/local/tomcat/webapps/ROOT/WEB-INF/classes");
    }

    @Test
    void theNaiveImageCopiesTheWarItself() throws Exception {
        Inputs inputs = Inputs.in(tmp).jar(webApp(), null).packaging("war");

        assertThat(inputs.analyze().naiveImageFiles()).containsExactly(inputs.artifactFile());
    }

    @Test
    void jarsBelowWebInfLibAndNonJarFilesThereAreResourcesNotDependencies() throws Exception {
        AppAnalysis app = analyzeWar(TestJar.create()
                .entry("WEB-INF/web.xml", "<web-app/>")
                .entry("WEB-INF/lib/README.txt", "not a jar")
                .entry("WEB-INF/lib/nested/extra.jar", "Tomcat does not load it"));

        assertThat(pathsByLayer(app).keySet()).containsExactly(Layer.RESOURCES);
    }
}
