package dev.slimimage.analysis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.slimimage.testing.TestJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisErrorsTest {

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"pom", "ear", "rar"})
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
    void aShadedJarNotWrittenYetSaysWhichJarAndHowToOrderThePlugins() {
        Path fat = tmp.resolve("target/app-1.0-fat.jar");
        Inputs inputs = Inputs.in(tmp).artifactFile(fat)
                .origin(new ArtifactOrigin("the jar maven-shade-plugin writes to its outputFile (execution default)",
                        "declare slim-maven-plugin after maven-shade-plugin"));

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessage("The jar maven-shade-plugin writes to its outputFile (execution default) " + fat
                        + " does not exist yet: declare slim-maven-plugin after maven-shade-plugin.");
    }

    @Test
    void noArtifactFileAtAllSaysToRunMvnPackage() {
        Inputs inputs = Inputs.in(tmp).artifactFile(null);

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class).hasMessageContaining("mvn package");
    }

    @Test
    void webArchiveLayoutInAJarProjectSaysToUseWarPackaging() throws Exception {
        TestJar jar = TestJar.create()
                .entry("WEB-INF/web.xml", "<web-app/>")
                .entry("WEB-INF/classes/com/example/Servlet.class", dev.slimimage.testing.ClassBytes.plain("com.example.Servlet", 17));
        Inputs inputs = Inputs.in(tmp).plainJar(jar);

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("has WEB-INF/")
                .hasMessageContaining("<packaging>war</packaging>");
    }

    @Test
    void warPackagingWithoutWebInfSaysItIsNoWebArchive() throws Exception {
        Inputs inputs = Inputs.in(tmp).plainJar(TestJar.create().mainClass("com.example.Main", 17)).packaging("war");

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessageContaining("has no WEB-INF/")
                .hasMessageContaining("maven-war-plugin");
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
    void jarThatIsNotAZipSaysSoAndToRebuild() throws Exception {
        Path notAJar = Files.createDirectories(tmp.resolve("target")).resolve("app-1.0.jar");
        Files.writeString(notAJar, "this is not a zip file");
        Inputs inputs = Inputs.in(tmp).artifactFile(notAJar);

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessageStartingWith(notAJar + " is not a readable jar (")
                .hasMessageEndingWith("); rebuild it with mvn clean package.");
    }

    @Test
    void unreadableProjectJarNamesTheCauseAndTheFix() throws Exception {
        Inputs inputs = Inputs.in(tmp).plainJar(TestJar.create().mainClass("com.example.Main", 17));
        Files.setPosixFilePermissions(inputs.artifactFile(), PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(inputs.artifactFile()), "chmod 000 does not stop this user (root) from reading");

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessage(inputs.artifactFile() + " cannot be read: permission denied; fix its permissions, or rebuild it "
                        + "with mvn clean package.");
    }

    @Test
    void deletedDependencyJarIsNamedAsGoneInsteadOfBlamingSiblingModules() throws Exception {
        Dependency gone = Inputs.dependency(tmp.resolve("repo"), "org.slf4j", "slf4j-api", "2.0.9", "org.slf4j.Logger");
        Files.delete(gone.file());
        Inputs inputs = Inputs.in(tmp.resolve("project")).plainJar(TestJar.create().mainClass("com.example.Main", 17))
                .dependency(gone);

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessage("Dependency org.slf4j:slf4j-api:2.0.9 resolved to " + gone.file() + ", which no longer exists: "
                        + "something deleted it during the build; run mvn package again (it downloads or builds a missing "
                        + "dependency).");
    }

    @Test
    void unreadableDependencyJarOfAShadedJarIsNamedInsteadOfTheProjectJar() throws Exception {
        Dependency locked = Inputs.dependency(tmp.resolve("repo"), "org.slf4j", "slf4j-api", "2.0.9", "org.slf4j.Logger");
        Files.setPosixFilePermissions(locked.file(), PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(locked.file()), "chmod 000 does not stop this user (root) from reading");
        TestJar own = TestJar.create().mainClass("com.example.App", 17);
        TestJar shaded = TestJar.create().manifest("Main-Class", "com.example.App").mainClass("com.example.App", 17)
                .clazz("com.google.gson.Gson", 8);
        Inputs inputs = Inputs.in(tmp.resolve("project")).jar(shaded, own).dependency(locked);

        assertThatThrownBy(inputs::analyze).isInstanceOf(AnalysisException.class)
                .hasMessage("Dependency org.slf4j:slf4j-api:2.0.9 resolved to " + locked.file() + ", which cannot be read: "
                        + "permission denied; fix its permissions, or delete it so that the next mvn package downloads (or "
                        + "builds) it again.");
    }
}
