package dev.slimimage.analysis;

import dev.slimimage.testing.TestJar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Builds {@link ProjectInput}s for analyser tests: a project directory with target/classes and a packaged jar. */
final class Inputs {

    private final Path projectDir;
    private String packaging = "jar";
    private Path artifactFile;
    private Path classesDirectory;
    private final List<Dependency> dependencies = new ArrayList<>();
    private String mainClass;
    private Integer release;
    private ArtifactOrigin origin = ArtifactOrigin.PROJECT_JAR;

    private Inputs(Path projectDir) {
        this.projectDir = projectDir;
        this.classesDirectory = projectDir.resolve("target/classes");
    }

    static Inputs in(Path projectDir) {
        return new Inputs(projectDir);
    }

    /** A plain jar: the jar holds exactly what the compiler and resources plugin wrote to target/classes. */
    Inputs plainJar(TestJar jar) throws IOException {
        jar.extractTo(classesDirectory);
        artifactFile = jar.writeTo(projectDir.resolve("target/app-1.0.jar"));
        return this;
    }

    /** A jar whose target/classes holds only {@code own}; the jar itself may hold more (shaded) or be laid out differently (Boot). */
    Inputs jar(TestJar jar, TestJar own) throws IOException {
        if (own != null) {
            own.extractTo(classesDirectory);
        }
        artifactFile = jar.writeTo(projectDir.resolve("target/app-1.0.jar"));
        return this;
    }

    Inputs artifactFile(Path file) {
        artifactFile = file;
        return this;
    }

    Inputs origin(ArtifactOrigin value) {
        origin = value;
        return this;
    }

    Inputs packaging(String value) {
        packaging = value;
        return this;
    }

    Inputs dependency(Dependency dependency) {
        dependencies.add(dependency);
        return this;
    }

    Inputs mainClass(String value) {
        mainClass = value;
        return this;
    }

    Inputs release(int value) {
        release = value;
        return this;
    }

    Path artifactFile() {
        return artifactFile;
    }

    ProjectInput build() {
        return new ProjectInput("com.example", "app", packaging, artifactFile, classesDirectory, dependencies,
                Optional.ofNullable(mainClass), release == null ? OptionalInt.empty() : OptionalInt.of(release), origin);
    }

    AppAnalysis analyze() throws AnalysisException {
        return new ProjectAnalyzer().analyze(build());
    }

    /** A dependency jar as it sits in the local repository, holding one class. */
    static Dependency dependency(Path repository, String groupId, String artifactId, String version, String className)
            throws IOException {
        return dependency(repository, groupId, artifactId, version, artifactId + "-" + version + ".jar", className);
    }

    static Dependency dependency(Path repository, String groupId, String artifactId, String version, String fileName,
                                 String className) throws IOException {
        Path file = repository.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version).resolve(fileName);
        TestJar.create().clazz(className, 8).writeTo(file);
        return new Dependency(groupId, artifactId, version, file, version.endsWith("-SNAPSHOT"));
    }

    static List<String> paths(AppAnalysis analysis, String layer) {
        return analysis.layers().stream()
                .filter(l -> l.name().equals(layer))
                .flatMap(l -> l.files().stream())
                .map(ImageFile::imagePath)
                .toList();
    }

    static List<String> layerNames(AppAnalysis analysis) {
        return analysis.layers().stream().map(Layer::name).toList();
    }
}
