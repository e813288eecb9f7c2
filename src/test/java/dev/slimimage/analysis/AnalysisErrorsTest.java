package dev.slimimage.analysis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.testing.TestJar;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisErrorsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"war", "pom", "ear"})
    void unsupportedPackagingNamesItAndSaysToSkip(String packaging) throws Exception {
        Inputs inputs = Inputs.in(tmp).plainJar(TestJar.create().mainClass("com.example.Main", 17)).packaging(packaging);

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("'" + packaging + "'")
                .hasMessageContaining("skip");
    }

    @Test
    void missingJarSaysToRunMvnPackage() {
        Inputs inputs = Inputs.in(tmp).artifactFile(tmp.resolve("target/app-1.0.jar"));

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("app-1.0.jar")
                .hasMessageContaining("mvn package");
    }

    @Test
    void noArtifactFileAtAllSaysToRunMvnPackage() {
        Inputs inputs = Inputs.in(tmp).artifactFile(null);

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class).hasMessageContaining("mvn package");
    }

    @Test
    void webArchiveLayoutIsRejected() throws Exception {
        TestJar jar = TestJar.create()
                .entry("WEB-INF/web.xml", "<web-app/>")
                .entry("WEB-INF/classes/com/example/Servlet.class", dev.slimimage.testing.ClassBytes.plain("com.example.Servlet", 17));
        Inputs inputs = Inputs.in(tmp).plainJar(jar);

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("web archive");
    }

    @Test
    void dependencyResolvedToADirectoryIsRejected() throws Exception {
        Path siblingClasses = Files.createDirectories(tmp.resolve("sibling/target/classes"));
        Dependency sibling = new Dependency("com.example", "sibling", "1.0-SNAPSHOT", siblingClasses, true);
        Inputs inputs = Inputs.in(tmp.resolve("project")).plainJar(TestJar.create().mainClass("com.example.Main", 17))
                .dependency(sibling);

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("com.example:sibling:1.0-SNAPSHOT")
                .hasMessageContaining(siblingClasses.toString())
                .hasMessageContaining("not a jar file");
    }

    @Test
    void unreadableJarSaysToRebuild() throws Exception {
        Path notAJar = Files.createDirectories(tmp.resolve("target")).resolve("app-1.0.jar");
        Files.writeString(notAJar, "this is not a zip file");
        Inputs inputs = Inputs.in(tmp).artifactFile(notAJar);

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("Could not read")
                .hasMessageContaining("mvn clean package");
    }
}
