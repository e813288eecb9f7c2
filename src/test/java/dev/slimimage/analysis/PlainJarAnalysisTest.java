package dev.slimimage.analysis;

import static dev.slimimage.analysis.Inputs.layerNames;
import static dev.slimimage.analysis.Inputs.paths;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.testing.TestJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainJarAnalysisTest {

    @TempDir
    Path tmp;

    private TestJar app() {
        return TestJar.create()
                .manifest("Main-Class", "com.example.Main")
                .mainClass("com.example.Main", 17)
                .clazz("com.example.Util", 17)
                .entry("app.properties", "greeting=hello\n")
                .entry("static/index.html", "<html></html>");
    }

    @Test
    void layersDependenciesSnapshotsResourcesAndClassesAtImagePaths() throws Exception {
        Path repo = tmp.resolve("repo");
        Dependency guava = Inputs.dependency(repo, "com.google.guava", "guava", "33.0.0-jre", "com.google.common.Lists");
        Dependency snapshot = Inputs.dependency(repo, "com.acme", "acme-util", "1.2-SNAPSHOT", "com.acme.Util");
        Inputs inputs = Inputs.in(tmp.resolve("project")).plainJar(app()).dependency(guava).dependency(snapshot);

        AppAnalysis analysis = inputs.analyze();

        assertThat(analysis.layout()).isEqualTo(AppLayout.PLAIN_JAR);
        assertThat(layerNames(analysis)).containsExactly(
                Layer.DEPENDENCIES, Layer.SNAPSHOT_DEPENDENCIES, Layer.RESOURCES, Layer.CLASSES);
        assertThat(paths(analysis, Layer.DEPENDENCIES)).containsExactly("/app/lib/guava-33.0.0-jre.jar");
        assertThat(paths(analysis, Layer.SNAPSHOT_DEPENDENCIES)).containsExactly("/app/lib/acme-util-1.2-SNAPSHOT.jar");
        assertThat(paths(analysis, Layer.CLASSES)).containsExactlyInAnyOrder(
                "/app/classes/com/example/Main.class", "/app/classes/com/example/Util.class");
        assertThat(paths(analysis, Layer.RESOURCES)).containsExactlyInAnyOrder(
                "/app/classes/app.properties", "/app/classes/static/index.html", "/app/classes/META-INF/MANIFEST.MF");
        assertThat(analysis.launchArguments()).containsExactly("-cp", "/app/classes:/app/lib/*", "com.example.Main");
        assertThat(analysis.naiveImageFiles()).containsExactly(inputs.artifactFile(), guava.file(), snapshot.file());
    }

    @Test
    void fileSourcesPointAtTheJarEntryOrDependencyFileWithTheirSizes() throws Exception {
        Dependency guava = Inputs.dependency(tmp.resolve("repo"), "com.google.guava", "guava", "33.0.0-jre", "com.google.common.Lists");
        TestJar jar = app();
        Inputs inputs = Inputs.in(tmp.resolve("project")).plainJar(jar).dependency(guava);

        AppAnalysis analysis = inputs.analyze();

        ImageFile lib = analysis.layers().get(0).files().get(0);
        assertThat(lib.source()).isEqualTo(new FileSource.OnDisk(guava.file(), Files.size(guava.file())));
        ImageFile properties = analysis.layers().stream().flatMap(l -> l.files().stream())
                .filter(f -> f.imagePath().equals("/app/classes/app.properties")).findFirst().orElseThrow();
        assertThat(properties.source()).isEqualTo(new FileSource.InJar(inputs.artifactFile(), "app.properties",
                jar.entries().get("app.properties").length));
    }

    @Test
    void withoutDependenciesTheClasspathIsTheClassesDirectoryOnly() throws Exception {
        AppAnalysis analysis = Inputs.in(tmp.resolve("project")).plainJar(app()).analyze();

        assertThat(analysis.launchArguments()).containsExactly("-cp", "/app/classes", "com.example.Main");
        assertThat(layerNames(analysis)).containsExactly(Layer.RESOURCES, Layer.CLASSES);
    }

    @Test
    void dependenciesWithTheSameFileNameFromDifferentGroupsAreBothKept() throws Exception {
        Path repo = tmp.resolve("repo");
        Dependency first = Inputs.dependency(repo, "com.acme", "util", "1.0", "com.acme.Util");
        Dependency second = Inputs.dependency(repo, "org.other", "util", "1.0", "org.other.Util");

        AppAnalysis analysis = Inputs.in(tmp.resolve("project")).plainJar(app()).dependency(first).dependency(second).analyze();

        List<ImageFile> libs = analysis.layers().get(0).files();
        assertThat(libs).extracting(ImageFile::imagePath)
                .containsExactlyInAnyOrder("/app/lib/util-1.0.jar", "/app/lib/org.other-util-1.0.jar");
        assertThat(libs).extracting(f -> ((FileSource.OnDisk) f.source()).file())
                .containsExactlyInAnyOrder(first.file(), second.file());
        assertThat(analysis.naiveImageFiles()).contains(first.file(), second.file());
    }
}
