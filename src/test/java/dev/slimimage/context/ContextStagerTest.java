package dev.slimimage.context;

import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.RuntimeKind;
import dev.slimimage.dockerfile.DockerfileGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.Dependency;
import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.Layer;
import dev.slimimage.analysis.ProjectAnalyzer;
import dev.slimimage.analysis.ProjectInput;
import dev.slimimage.testing.TestJar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextStagerTest {

    private static final Instant TIMESTAMP = Instant.parse("2024-03-01T12:00:00Z");

    @TempDir
    Path tmp;

    private Path projectDir;
    private Path context;
    private Path jar;
    private Path guavaJar;
    private Path snapshotJar;

    @BeforeEach
    void writeProject() throws IOException {
        projectDir = tmp.resolve("project");
        context = projectDir.resolve("target/slim");
        TestJar app = TestJar.create()
                .manifest("Main-Class", "com.example.Main")
                .mainClass("com.example.Main", 17)
                .clazz("com.example.service.Service", 17)
                .entry("app.properties", "greeting=hello\n")
                .entry("static/css/site.css", "body{}");
        app.extractTo(projectDir.resolve("target/classes"));
        jar = app.writeTo(projectDir.resolve("target/app-1.0.jar"));
        guavaJar = TestJar.create().clazz("com.google.common.Lists", 8)
                .writeTo(tmp.resolve("repo/com/google/guava/guava/33.0.0-jre/guava-33.0.0-jre.jar"));
        snapshotJar = TestJar.create().clazz("com.acme.Util", 8)
                .writeTo(tmp.resolve("repo/com/acme/acme-util/1.2-SNAPSHOT/acme-util-1.2-SNAPSHOT.jar"));
    }

    private ImagePlan plan(Path... dependencyFiles) throws Exception {
        List<Dependency> deps = Arrays.stream(dependencyFiles)
                .map(f -> new Dependency("g." + f.getFileName(), "a", "1", f, f.toString().contains("SNAPSHOT")))
                .toList();
        AppAnalysis app = new ProjectAnalyzer().analyze(new ProjectInput("com.example", "app", "jar", jar,
                projectDir.resolve("target/classes"), deps, Optional.empty(), OptionalInt.empty()));
        return new ImagePlan(app, RuntimeKind.JRE, "eclipse-temurin:17-jdk", "eclipse-temurin:17-jre", "65532",
                List.of("-XX:MaxRAMPercentage=75"), List.of(), Map.of(), TIMESTAMP, ImagePlan.JlinkOptions.DEFAULTS);
    }

    /**
     * Stages as the build does: the layers first (the module analysis reads them), then the Dockerfile; with the record
     * of the previous staging in the cache directory, so that every test here also holds for a staging that keeps files.
     */
    private Path stage(ImagePlan plan) throws IOException {
        ContextStager stager = new ContextStager();
        stager.stageLayers(plan, context, Optional.of(projectDir.resolve("target/slim-cache")), FileDigests.none());
        return stager.writeDockerfile(new DockerfileGenerator().generate(plan, Optional.empty()), context);
    }

    private static List<String> regularFilesUnder(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static byte[] sourceBytes(FileSource source) throws IOException {
        if (source instanceof FileSource.OnDisk disk) {
            return Files.readAllBytes(disk.file());
        }
        FileSource.InJar inJar = (FileSource.InJar) source;
        try (JarFile jarFile = new JarFile(inJar.jar().toFile()); InputStream in = jarFile.getInputStream(jarFile.getEntry(inJar.entry()))) {
            return in.readAllBytes();
        }
    }

    /** Relative path → content digest, mtime and permissions, for every file and directory below {@code root}. */
    private static Map<String, String> snapshot(Path root) throws Exception {
        Map<String, String> tree = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(p -> !p.equals(root)).toList()) {
                String content = Files.isRegularFile(p)
                        ? HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)))
                        : "<dir>";
                tree.put(root.relativize(p).toString(), content + " " + Files.getLastModifiedTime(p).toMillis() + " "
                        + PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
            }
        }
        return tree;
    }

    @Test
    void stagesExactlyTheFilesOfEachLayerUnderItsImagePath() throws Exception {
        ImagePlan plan = plan(guavaJar, snapshotJar);

        Path dockerfile = stage(plan);

        assertThat(dockerfile).isEqualTo(context.resolve("Dockerfile"));
        assertThat(Files.readString(dockerfile)).isEqualTo(new DockerfileGenerator().generate(plan, Optional.empty()).render());
        try (Stream<Path> layerDirs = Files.list(context.resolve("layers"))) {
            assertThat(layerDirs.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.Stream.concat(plan.app().layers().stream().map(Layer::name),
                            Stream.of(DockerfileGenerator.WORKING_DIRECTORY_LAYER)).toList());
        }
        for (Layer layer : plan.app().layers()) {
            Path layerRoot = context.resolve("layers").resolve(layer.name());
            assertThat(regularFilesUnder(layerRoot)).as("files of layer %s", layer.name())
                    .containsExactlyInAnyOrderElementsOf(layer.files().stream().map(f -> f.imagePath().substring(1)).toList());
            for (ImageFile file : layer.files()) {
                assertThat(layerRoot.resolve(file.imagePath().substring(1))).as(file.imagePath())
                        .hasBinaryContent(sourceBytes(file.source()));
            }
        }
        assertThat(context.resolve("layers/dependencies/app/lib/guava-33.0.0-jre.jar")).hasSameBinaryContentAs(guavaJar);
        assertThat(context.resolve("layers/classes/app/classes/com/example/service/Service.class")).exists();
        assertThat(context.resolve("layers/resources/app/classes/static/css/site.css")).hasContent("body{}");
    }

    @Test
    void theWorkingDirectoryIsStagedAsOneEmptyDirectoryWithThePlanTimestamp() throws Exception {
        stage(plan(guavaJar));

        Path root = context.resolve("layers").resolve(DockerfileGenerator.WORKING_DIRECTORY_LAYER);
        try (Stream<Path> walk = Files.walk(root)) {
            assertThat(walk.map(p -> root.relativize(p).toString())).containsExactlyInAnyOrder("",
                    DockerfileGenerator.WORKING_DIRECTORY.substring(1));
        }
        Path workingDirectory = root.resolve(DockerfileGenerator.WORKING_DIRECTORY.substring(1));
        assertThat(Files.getLastModifiedTime(workingDirectory)).isEqualTo(FileTime.from(TIMESTAMP));
        assertThat(Files.getLastModifiedTime(root)).isEqualTo(FileTime.from(TIMESTAMP));
    }

    @Test
    void aLayerOfTheJarNamedLikeTheWorkingDirectoryLayerIsRefusedBeforeAnythingIsWritten() throws Exception {
        ImagePlan plan = plan(guavaJar);
        AppAnalysis app = plan.app();
        List<Layer> renamed = app.layers().stream()
                .map(l -> l.name().equals(Layer.CLASSES) ? new Layer(DockerfileGenerator.WORKING_DIRECTORY_LAYER, l.files()) : l)
                .toList();
        ImagePlan clashing = new ImagePlan(new AppAnalysis(app.layout(), app.mainClass(), app.launchArguments(), app.javaRelease(),
                app.releaseSource(), renamed, app.naiveImageFiles()), plan.runtime(), plan.builderImage(), plan.runtimeImage(),
                plan.user(), plan.jvmFlags(), plan.ports(), plan.labels(), plan.fileTimestamp(), plan.jlink());

        assertThatThrownBy(() -> stage(clashing)).isInstanceOf(StagingException.class)
                .hasMessage("The jar names a layer 'workdir', which the plugin uses for the container's working directory; rename "
                        + "that layer in the layers configuration (Spring Boot's layers.xml) and rebuild the jar.");
        assertThat(context.resolve("layers")).doesNotExist();
    }

    @Test
    void everyStagedFileAndDirectoryHasThePlanTimestampAndFixedModes() throws Exception {
        ImagePlan plan = plan(guavaJar, snapshotJar);
        stage(plan);

        Path layers = context.resolve("layers");
        List<Path> all;
        try (Stream<Path> walk = Files.walk(layers)) {
            all = walk.filter(p -> !p.equals(layers)).toList();
        }
        assertThat(all).hasSizeGreaterThan(10);
        for (Path p : all) {
            assertThat(Files.getLastModifiedTime(p)).as("mtime of %s", p).isEqualTo(FileTime.from(TIMESTAMP));
            String expectedMode = Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--";
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as("mode of %s", p).isEqualTo(expectedMode);
        }
    }

    @Test
    void staleFilesAndLayersFromAPreviousStagingAreRemoved() throws Exception {
        stage(plan(guavaJar, snapshotJar));
        Path stray = context.resolve("layers/classes/app/classes/com/example/Removed.class");
        Files.writeString(stray, "left over");

        stage(plan(guavaJar));

        assertThat(stray).doesNotExist();
        assertThat(context.resolve("layers/snapshot-dependencies")).doesNotExist();
        assertThat(context.resolve("layers/dependencies/app/lib/guava-33.0.0-jre.jar")).exists();
    }

    @Test
    void stagingTwiceGivesIdenticalTrees() throws Exception {
        ImagePlan plan = plan(guavaJar, snapshotJar);
        stage(plan);
        Map<String, String> first = snapshot(context.resolve("layers"));
        Thread.sleep(20);

        stage(plan);

        assertThat(snapshot(context.resolve("layers"))).isEqualTo(first);
    }

    @Test
    void changedFileOfTheSameSizeGetsTheNewContent() throws Exception {
        Path lib = tmp.resolve("repo/lib-1.0.jar");
        Files.writeString(lib, "version-one");
        FileTime originalTime = Files.getLastModifiedTime(lib);
        stage(plan(lib));

        Files.writeString(lib, "version-two");
        Files.setLastModifiedTime(lib, originalTime);
        stage(plan(lib));

        assertThat(context.resolve("layers/dependencies/app/lib/lib-1.0.jar")).hasContent("version-two");
    }

    @Test
    void aFileStagedFromTheSameSourceIsNotWrittenAgainButAChangedOneIs() throws Exception {
        stage(plan(guavaJar));
        Path stagedGuava = context.resolve("layers/dependencies/app/lib/guava-33.0.0-jre.jar");
        Path stagedMain = context.resolve("layers/classes/app/classes/com/example/Main.class");
        // Marks the staged copies without changing their size, time or mode: only a copy would undo the mark.
        markInPlace(stagedGuava);
        markInPlace(stagedMain);
        TestJar changed = TestJar.create().manifest("Main-Class", "com.example.Main").mainClass("com.example.Main", 21)
                .clazz("com.example.service.Service", 17).entry("app.properties", "greeting=hello\n")
                .entry("static/css/site.css", "body{}");
        changed.writeTo(jar);

        stage(plan(guavaJar));

        assertThat(Files.readAllBytes(stagedGuava)[0]).as("the dependency jar was kept").isEqualTo((byte) 'X');
        assertThat(Files.readAllBytes(stagedMain)).as("the recompiled class was written again")
                .isEqualTo(changed.entries().get("com/example/Main.class"));
    }

    @Test
    void withoutTheRecordOfTheLastStagingEveryFileIsWrittenAgain() throws Exception {
        stage(plan(guavaJar));
        Path stagedGuava = context.resolve("layers/dependencies/app/lib/guava-33.0.0-jre.jar");
        markInPlace(stagedGuava);
        Files.delete(projectDir.resolve("target/slim-cache/" + ContextStager.STAGED_RECORD_FILE));

        stage(plan(guavaJar));

        assertThat(stagedGuava).hasSameBinaryContentAs(guavaJar);
    }

    @Test
    void aStagingThatKeepsFilesGivesTheTreeAFreshStagingGives() throws Exception {
        stage(plan(guavaJar, snapshotJar));
        TestJar fewer = TestJar.create().manifest("Main-Class", "com.example.Main").mainClass("com.example.Main", 17)
                .entry("app.properties", "greeting=hi\n");
        fewer.writeTo(jar);
        ImagePlan second = plan(guavaJar);

        stage(second);
        Path fresh = tmp.resolve("fresh");
        new ContextStager().stageLayers(second, fresh);

        assertThat(context.resolve("layers/classes/app/classes/com/example/service")).as("emptied directory").doesNotExist();
        assertThat(snapshot(context.resolve("layers"))).isEqualTo(snapshot(fresh.resolve("layers")));
    }

    /** Overwrites the first byte with 'X', keeping the file's size, time and mode. */
    private static void markInPlace(Path file) throws IOException {
        FileTime time = Files.getLastModifiedTime(file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[0] = 'X';
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, time);
    }

    @Test
    void nothingOutsideTheContextDirectoryIsWritten() throws Exception {
        ImagePlan plan = plan(guavaJar, snapshotJar);
        Files.createDirectories(context);
        Map<String, String> before = snapshot(tmp);

        stage(plan);

        Map<String, String> after = snapshot(tmp);
        // target/slim and target/slim-cache (whose creation touches target itself) are the plugin's.
        after.keySet().removeIf(p -> p.startsWith("project/target/slim") || p.equals("project/target"));
        before.keySet().removeIf(p -> p.startsWith("project/target/slim") || p.equals("project/target"));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void jarEntryWithABackslashReachesTheImageUnderExactlyItsName() throws Exception {
        jar = TestJar.create().manifest("Main-Class", "com.example.Main").mainClass("com.example.Main", 17)
                .entry("a\\b.txt", "one file, not a directory a holding b.txt")
                .writeTo(projectDir.resolve("target/app-1.0.jar"));
        stage(plan());

        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new ContextArchive().stream(context, FileTime.from(TIMESTAMP)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(context.resolve("layers/resources/app/classes/a\\b.txt")).hasContent("one file, not a directory a holding b.txt");
        assertThat(names).contains("layers/resources/app/classes/a\\b.txt").doesNotContain("layers/resources/app/classes/a/b.txt");
    }

    @Test
    void unreadableDependencyJarIsNamedWithTheCauseAndTheFix() throws Exception {
        ImagePlan plan = plan(guavaJar, snapshotJar);
        Files.setPosixFilePermissions(guavaJar, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(guavaJar), "chmod 000 does not stop this user (root) from reading");

        assertThatThrownBy(() -> stage(plan)).isInstanceOf(StagingException.class)
                .hasMessage(guavaJar + " cannot be read: permission denied; fix its permissions, or delete it so that the "
                        + "next mvn package downloads (or builds) it again.");
    }

    @Test
    void dependencyJarDeletedAfterTheAnalysisIsNamedAsGone() throws Exception {
        ImagePlan plan = plan(guavaJar, snapshotJar);
        Files.delete(snapshotJar);

        assertThatThrownBy(() -> stage(plan)).isInstanceOf(StagingException.class)
                .hasMessage(snapshotJar + " no longer exists: something deleted it during the build; run mvn package again "
                        + "(it downloads or builds a missing dependency).");
    }

    @Test
    void unreadableProjectJarIsNamedWithTheCauseAndTheFix() throws Exception {
        ImagePlan plan = plan(guavaJar);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(jar), "chmod 000 does not stop this user (root) from reading");

        assertThatThrownBy(() -> stage(plan)).isInstanceOf(StagingException.class)
                .hasMessage(jar + " cannot be read: permission denied; fix its permissions, or rebuild it with mvn clean package.");
    }

    @Test
    void projectJarDeletedAfterTheAnalysisIsNamedAsGone() throws Exception {
        ImagePlan plan = plan(guavaJar);
        Files.delete(jar);

        assertThatThrownBy(() -> stage(plan)).isInstanceOf(StagingException.class)
                .hasMessage(jar + " no longer exists: something deleted it during the build; rebuild it with mvn clean package.");
    }

    @Test
    void projectJarThatLostAnEntryAfterTheAnalysisNamesTheEntry() throws Exception {
        ImagePlan plan = plan(guavaJar);
        TestJar.create().manifest("Main-Class", "com.example.Main").mainClass("com.example.Main", 17).writeTo(jar);

        assertThatThrownBy(() -> stage(plan)).isInstanceOf(StagingException.class)
                .hasMessage(jar + " no longer holds the entry 'app.properties': it changed during the build; rebuild it with "
                        + "mvn clean package.");
    }

    @Test
    void jarHoldingAFileAndEntriesBelowTheSameNameIsRefusedNamingBoth() throws Exception {
        jar = TestJar.create().manifest("Main-Class", "com.example.Main").mainClass("com.example.Main", 17)
                .entry("conf", "a file")
                .entry("conf/inner.txt", "below a directory of the same name")
                .writeTo(projectDir.resolve("target/app-1.0.jar"));
        ImagePlan plan = plan();

        assertThatThrownBy(() -> stage(plan)).isInstanceOf(StagingException.class)
                .hasMessage(jar + " holds both a file 'conf' and entries below 'conf/' (such as 'conf/inner.txt'), which cannot "
                        + "both be in the image; rebuild the jar without the clash.");
    }

    @Test
    void fileInOneLayerAndEntriesBelowItsNameInAnotherAreRefused() throws Exception {
        // The resource com/example goes into the resources layer, the classes below com/example/ into the classes
        // layer: each layer directory alone is fine, but in the image the later layer would hide the file.
        jar = TestJar.create().manifest("Main-Class", "com.example.Main").mainClass("com.example.Main", 17)
                .entry("com/example", "a resource named like the package")
                .writeTo(projectDir.resolve("target/app-1.0.jar"));
        ImagePlan plan = plan();

        assertThatThrownBy(() -> stage(plan)).isInstanceOf(StagingException.class)
                .hasMessage(jar + " holds both a file 'com/example' and entries below 'com/example/' (such as "
                        + "'com/example/Main.class'), which cannot both be in the image; rebuild the jar without the clash.");
    }

    @Test
    void contextDirectoryThatCannotBeWrittenIsAnIoProblemNotTheInputs() throws Exception {
        ImagePlan plan = plan(guavaJar);
        Files.createDirectories(context.getParent());
        Files.writeString(context, "a file where the context directory should be");

        assertThatThrownBy(() -> stage(plan)).isInstanceOf(IOException.class)
                .isNotInstanceOf(StagingException.class);
    }

    @Test
    void jarEntryThatClimbsOutOfTheLayerIsRefusedAndNotWritten() throws Exception {
        // From layers/resources/app/classes, seven levels up is the temporary directory that holds the project.
        String climbing = "../../../../../../../escape.txt";
        TestJar evil = TestJar.create().manifest("Main-Class", "com.example.Main").mainClass("com.example.Main", 17)
                .entry("-first.txt", "sorts before the climbing entry, so its directories exist")
                .entry(climbing, "outside");
        jar = evil.writeTo(projectDir.resolve("target/app-1.0.jar"));
        ImagePlan plan = plan();
        assertThat(plan.app().layers()).flatExtracting(Layer::files).extracting(ImageFile::imagePath)
                .contains("/app/classes/" + climbing);

        assertThatThrownBy(() -> stage(plan)).isInstanceOf(StagingException.class).hasMessageContaining(climbing);

        try (Stream<Path> walk = Files.walk(tmp)) {
            assertThat(walk.filter(p -> p.getFileName().toString().equals("escape.txt"))).isEmpty();
        }
    }

    @Test
    void layerNameThatClimbsOutOfTheContextIsRefused() throws Exception {
        ImagePlan plan = plan(guavaJar);
        List<Layer> layers = new java.util.ArrayList<>(plan.app().layers());
        layers.add(new Layer("../../../escaped", List.of(new ImageFile("/app/lib/guava.jar",
                new FileSource.OnDisk(guavaJar, Files.size(guavaJar))))));
        AppAnalysis app = plan.app();
        ImagePlan evil = new ImagePlan(new AppAnalysis(app.layout(), app.mainClass(), app.launchArguments(), app.javaRelease(),
                app.releaseSource(), layers, app.naiveImageFiles()), plan.runtime(), plan.builderImage(), plan.runtimeImage(),
                plan.user(), plan.jvmFlags(), plan.ports(), plan.labels(), plan.fileTimestamp(), ImagePlan.JlinkOptions.DEFAULTS);

        assertThatThrownBy(() -> stage(evil)).isInstanceOf(StagingException.class).hasMessageContaining("../../../escaped");

        assertThat(projectDir.resolve("escaped")).doesNotExist();
    }

    @Test
    void withAStartupCacheTheClassesArePackedIntoReproducibleJarsAndTheTrainingDirectoryIsStaged() throws Exception {
        ImagePlan plain = plan(guavaJar);
        ImagePlan cached = new ImagePlan(dev.slimimage.plan.StartupCachePlanner.withClassRootPacked(plain.app()), plain.runtime(),
                plain.builderImage(), plain.runtimeImage(), plain.user(), plain.jvmFlags(), plain.ports(), plain.labels(),
                plain.fileTimestamp(), plain.jlink(), List.of(), Optional.empty(), Optional.of(new dev.slimimage.plan.StartupCache(
                dev.slimimage.plan.StartupCache.Kind.CDS, 17, List.of(), List.of("--exit"))));

        stage(cached);
        Path classesJar = context.resolve("layers/classes/app/classes/classes.jar");
        byte[] first = Files.readAllBytes(classesJar);
        stage(cached);

        assertThat(Files.readAllBytes(classesJar)).isEqualTo(first);
        assertThat(context.resolve("layers/classes/app/classes/com")).doesNotExist();
        try (java.util.jar.JarFile packed = new java.util.jar.JarFile(classesJar.toFile())) {
            List<String> names = packed.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertThat(names).containsExactly("com/", "com/example/", "com/example/Main.class", "com/example/service/",
                    "com/example/service/Service.class");
            assertThat(packed.stream()).allSatisfy(e -> assertThat(e.getLastModifiedTime().toInstant()).isEqualTo(TIMESTAMP));
        }
        assertThat(context.resolve("layers/resources/app/classes/resources.jar")).isRegularFile();
        assertThat(context.resolve("layers/startup-training/app/startup")).isEmptyDirectory();
    }
}
