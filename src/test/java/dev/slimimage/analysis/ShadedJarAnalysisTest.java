package dev.slimimage.analysis;

import static dev.slimimage.analysis.Inputs.layerNames;
import static dev.slimimage.analysis.Inputs.paths;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.testing.TestJar;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShadedJarAnalysisTest {

    private static final String SHADED_LAYER = "shaded-dependencies";

    @TempDir
    Path tmp;

    /** What the project compiled itself: target/classes. */
    private static TestJar own() {
        return TestJar.create()
                .mainClass("com.example.App", 17)
                .clazz("com.example.Service", 17)
                .entry("app.properties", "name=app\n");
    }

    /** The shaded jar: the project's classes plus Gson's, with Gson's pom.properties. */
    private static TestJar shaded() {
        return own()
                .manifest("Main-Class", "com.example.App")
                .clazz("com.google.gson.Gson", 8)
                .clazz("com.google.gson.JsonParser", 8)
                .entry("META-INF/maven/com.google.code.gson/gson/pom.properties", "groupId=com.google.code.gson\nartifactId=gson\n");
    }

    private Dependency gson() throws Exception {
        return Inputs.dependency(tmp.resolve("repo"), "com.google.code.gson", "gson", "2.10.1", "com.google.gson.Gson");
    }

    private Dependency slf4j() throws Exception {
        return Inputs.dependency(tmp.resolve("repo"), "org.slf4j", "slf4j-api", "2.0.9", "org.slf4j.Logger");
    }

    @Test
    void bundledEntriesStayPackedInOneJarAndProjectClassesGoToClasses() throws Exception {
        Inputs inputs = Inputs.in(tmp.resolve("project")).jar(shaded(), own()).dependency(gson());
        AppAnalysis analysis = inputs.analyze();

        assertThat(analysis.layout()).isEqualTo(AppLayout.SHADED_JAR);
        assertThat(paths(analysis, SHADED_LAYER)).containsExactly("/app/shaded/libraries.jar");
        FileSource.JarSubset libraries = (FileSource.JarSubset) analysis.layers().get(0).files().get(0).source();
        assertThat(libraries.jar()).isEqualTo(inputs.artifactFile());
        // Everything the project did not compile, with the shaded jar's manifest and merged META-INF content.
        assertThat(libraries.entries()).containsExactlyInAnyOrder(
                "META-INF/MANIFEST.MF",
                "com/google/gson/Gson.class",
                "com/google/gson/JsonParser.class",
                "META-INF/maven/com.google.code.gson/gson/pom.properties");
        assertThat(libraries.libraryByPackage()).containsEntry("com/google/gson", "gson-2.10.1.jar");
        assertThat(paths(analysis, Layer.CLASSES)).containsExactlyInAnyOrder(
                "/app/classes/com/example/App.class", "/app/classes/com/example/Service.class");
        assertThat(paths(analysis, Layer.RESOURCES)).containsExactly("/app/classes/app.properties");
        assertThat(layerNames(analysis)).containsExactly(SHADED_LAYER, Layer.RESOURCES, Layer.CLASSES);
        assertThat(analysis.launchArguments()).containsExactly("-cp", "/app/classes:/app/shaded/libraries.jar", "com.example.App");
    }

    @Test
    void theLibrariesJarIsNoBiggerThanTheirPartOfTheShadedJar() throws Exception {
        Inputs inputs = Inputs.in(tmp.resolve("project")).jar(shaded(), own()).dependency(gson());
        AppAnalysis analysis = inputs.analyze();

        long estimate = analysis.layers().get(0).bytes();
        assertThat(estimate).isPositive().isLessThanOrEqualTo(java.nio.file.Files.size(inputs.artifactFile()));
    }

    @Test
    void shadedDependencyIsNotAddedAgainButAnUnshadedOneGoesToLib() throws Exception {
        Dependency gson = gson();
        Dependency slf4j = slf4j();
        Inputs inputs = Inputs.in(tmp.resolve("project")).jar(shaded(), own()).dependency(gson).dependency(slf4j);

        AppAnalysis analysis = inputs.analyze();

        assertThat(paths(analysis, Layer.DEPENDENCIES)).containsExactly("/app/lib/slf4j-api-2.0.9.jar");
        assertThat(layerNames(analysis)).containsExactly(SHADED_LAYER, Layer.DEPENDENCIES, Layer.RESOURCES, Layer.CLASSES);
        assertThat(analysis.launchArguments()).containsExactly("-cp", "/app/classes:/app/shaded/libraries.jar:/app/lib/*",
                "com.example.App");
        assertThat(analysis.naiveImageFiles()).containsExactly(inputs.artifactFile(), slf4j.file());
    }

    @Test
    void dependencyWhoseClassesAreInTheJarWithoutPomPropertiesIsNotAddedAgain() throws Exception {
        Dependency commons = Inputs.dependency(tmp.resolve("repo"), "org.apache.commons", "commons-lang3", "3.14.0",
                "org.apache.commons.lang3.StringUtils");
        TestJar jar = shaded().clazz("org.apache.commons.lang3.StringUtils", 8);

        AppAnalysis analysis = Inputs.in(tmp.resolve("project")).jar(jar, own()).dependency(commons).analyze();

        assertThat(paths(analysis, Layer.DEPENDENCIES)).isEmpty();
        FileSource.JarSubset libraries = (FileSource.JarSubset) analysis.layers().get(0).files().get(0).source();
        assertThat(libraries.entries()).contains("org/apache/commons/lang3/StringUtils.class");
        assertThat(libraries.libraryByPackage()).containsEntry("org/apache/commons/lang3", "commons-lang3-3.14.0.jar");
        assertThat(analysis.launchArguments()).containsExactly("-cp", "/app/classes:/app/shaded/libraries.jar", "com.example.App");
    }

    @Test
    void mainClassScanIgnoresMainMethodsOfBundledDependencies() throws Exception {
        TestJar jar = own().clazz("com.google.gson.Gson", 8).mainClass("com.google.gson.tools.Cli", 8);

        AppAnalysis analysis = Inputs.in(tmp.resolve("project")).jar(jar, own()).analyze();

        assertThat(analysis.layout()).isEqualTo(AppLayout.SHADED_JAR);
        assertThat(analysis.mainClass()).isEqualTo("com.example.App");
    }
}
