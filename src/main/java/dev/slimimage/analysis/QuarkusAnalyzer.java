package dev.slimimage.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A Quarkus application as quarkus-maven-plugin's {@code build} goal left it: the fast-jar directory
 * {@code target/quarkus-app} or an uber-jar {@code target/*-runner.jar}. Quarkus's output, not Maven's jar, is what
 * runs: the classes are augmented at build time, and the image starts them the way Quarkus documents,
 * {@code java -jar quarkus-run.jar} (so the manifest's {@code Add-Opens} and {@code Class-Path} apply).
 */
final class QuarkusAnalyzer {

    static final String ARTIFACT_PROPERTIES = "quarkus-artifact.properties";
    /** Quarkus finds its files relative to quarkus-run.jar, so the fast-jar tree stays whole under one directory. */
    static final String APP_ROOT = ProjectAnalyzer.APP_DIR + "/quarkus-app";
    static final String BOOT_DEPENDENCIES = "boot-dependencies";
    private static final String RUN_JAR = "quarkus-run.jar";
    private static final String RUNNER_CLASS = "io/quarkus/bootstrap/runner/QuarkusEntryPoint.class";
    private static final String FIX_ORDER = "declare slim-maven-plugin after quarkus-maven-plugin in <build><plugins>, "
            + "so that it runs after Quarkus's build goal in the package phase";

    static boolean applies(ProjectInput input) {
        return "quarkus".equals(input.packaging()) || input.quarkusBuild();
    }

    AppAnalysis analyze(ProjectInput input) throws AnalysisException {
        if (input.configuredMainClass().isPresent()) {
            throw new AnalysisException("mainClass (" + input.configuredMainClass().get() + ") does not apply to a Quarkus "
                    + "application, which starts through Quarkus's own launcher: remove <mainClass> and set "
                    + "quarkus.package.main-class in application.properties instead.");
        }
        Path buildDirectory = input.buildDirectory() != null ? input.buildDirectory() : input.classesDirectory().getParent();
        Path artifact = builtArtifact(buildDirectory, input.classesDirectory());
        if (artifact.getFileName().toString().equals(RUN_JAR) && Files.isDirectory(artifact.resolveSibling("lib/boot"))) {
            return fastJar(input, artifact.getParent());
        }
        return uberJar(input, artifact);
    }

    /**
     * The artifact of Quarkus's last build, as its build goal records it. A record older than the compiled classes
     * belongs to an earlier build: in this one the slim plugin ran first.
     */
    private static Path builtArtifact(Path buildDirectory, Path classesDirectory) throws AnalysisException {
        Path record = buildDirectory.resolve(ARTIFACT_PROPERTIES);
        if (!Files.isRegularFile(record)) {
            throw new AnalysisException("Quarkus's build output is missing (no " + record + "): quarkus-maven-plugin's build goal "
                    + "has not run yet; " + FIX_ORDER + ".");
        }
        Properties properties = new Properties();
        FileTime recorded;
        try (Reader reader = Files.newBufferedReader(record, StandardCharsets.UTF_8)) {
            properties.load(reader);
            recorded = Files.getLastModifiedTime(record);
        } catch (IOException e) {
            throw new AnalysisException(record + " " + ReadFailure.problem(e) + "; rebuild with mvn clean package.", e);
        }
        FileTime compiled = newestFileTime(classesDirectory);
        if (compiled != null && recorded.compareTo(compiled) < 0) {
            throw new AnalysisException("Quarkus's build output (" + record + ") is older than the compiled classes in "
                    + classesDirectory + ": quarkus-maven-plugin's build goal has not run in this build yet; " + FIX_ORDER + ".");
        }
        String type = properties.getProperty("type", "");
        String path = properties.getProperty("path");
        if (!type.equals("jar") && !type.endsWith("-jar") || path == null || !path.endsWith(".jar")) {
            throw new AnalysisException("Quarkus built a '" + type + "' artifact" + (path == null ? "" : " (" + path + ")")
                    + ", not a jar: slim builds JVM images of Quarkus's fast-jar and uber-jar; build with "
                    + "quarkus.package.jar.type=fast-jar (the default) or uber-jar, or skip slim with -Dslim.skip.");
        }
        Path artifact = buildDirectory.resolve(path);
        if (!Files.isRegularFile(artifact)) {
            throw new AnalysisException("Quarkus's build output " + artifact + " (named in " + record + ") does not exist: "
                    + "rebuild with mvn clean package.");
        }
        return artifact;
    }

    // --- fast-jar ------------------------------------------------------------------------------------------

    /**
     * Quarkus's own order: boot libraries, then the other libraries, then what every Quarkus build writes anew.
     * quarkus/ is generated at every build and its bytes differ even for unchanged sources, and quarkus-run.jar is
     * rewritten too, so they share the last layer with app/: a one-class change rebuilds that one small layer.
     */
    private AppAnalysis fastJar(ProjectInput input, Path root) throws AnalysisException {
        List<Path> files = regularFiles(root);
        List<ImageFile> boot = new ArrayList<>();
        List<ImageFile> releases = new ArrayList<>();
        List<ImageFile> snapshots = new ArrayList<>();
        List<ImageFile> application = new ArrayList<>();
        List<Path> appJars = new ArrayList<>();
        List<Path> bootJars = new ArrayList<>();
        for (Path file : files) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            ImageFile imageFile = new ImageFile(APP_ROOT + "/" + relative, new FileSource.OnDisk(file, size(file)));
            if (relative.startsWith("lib/boot/")) {
                boot.add(imageFile);
                bootJars.add(file);
            } else if (relative.startsWith("lib/")) {
                (ProjectAnalyzer.isSnapshotFileName(relative) ? snapshots : releases).add(imageFile);
            } else {
                application.add(imageFile);
                if (relative.startsWith("app/") && relative.endsWith(".jar")) {
                    appJars.add(file);
                }
            }
        }
        Path runJar = root.resolve(RUN_JAR);
        String mainClass = manifestMainClass(runJar);
        Release release = release(input, appJars, bootJars);
        return new AppAnalysis(AppLayout.QUARKUS_FAST_JAR, mainClass, List.of("-jar", APP_ROOT + "/" + RUN_JAR),
                release.release(), release.source(), List.of(
                        new Layer(BOOT_DEPENDENCIES, boot),
                        new Layer(Layer.DEPENDENCIES, releases),
                        new Layer(Layer.SNAPSHOT_DEPENDENCIES, snapshots),
                        new Layer(Layer.APPLICATION, application)),
                files);
    }

    // --- uber-jar ------------------------------------------------------------------------------------------

    /** One self-contained jar, kept as Quarkus wrote it and started with java -jar, as Quarkus documents. */
    private AppAnalysis uberJar(ProjectInput input, Path jar) throws AnalysisException {
        String mainClass = manifestMainClass(jar);
        if (!manifestValue(jar, Attributes.Name.CLASS_PATH).isBlank()) {
            throw new AnalysisException(jar + " lists other jars in its manifest Class-Path (Quarkus's legacy-jar): slim builds "
                    + "images of Quarkus's fast-jar and uber-jar; build with quarkus.package.jar.type=fast-jar (the default) "
                    + "or uber-jar.");
        }
        Release release = release(input, List.of(), List.of(jar));
        String imagePath = ProjectAnalyzer.APP_DIR + "/" + jar.getFileName();
        return new AppAnalysis(AppLayout.QUARKUS_UBER_JAR, mainClass, List.of("-jar", imagePath), release.release(),
                release.source(), List.of(new Layer(Layer.APPLICATION, List.of(new ImageFile(imagePath,
                        new FileSource.OnDisk(jar, size(jar)))))), List.of(jar));
    }

    // --- facts read from the jars ----------------------------------------------------------------------------

    private static String manifestMainClass(Path jar) throws AnalysisException {
        String mainClass = manifestValue(jar, Attributes.Name.MAIN_CLASS);
        if (mainClass.isBlank()) {
            throw new AnalysisException(jar + " has no Main-Class in its manifest, so java -jar cannot start it: "
                    + "rebuild with mvn clean package.");
        }
        return mainClass.strip();
    }

    private static String manifestValue(Path jar, Attributes.Name name) throws AnalysisException {
        try (JarFile jarFile = ReadFailure.openJar(jar)) {
            String value = jarFile.getManifest() == null ? null : jarFile.getManifest().getMainAttributes().getValue(name);
            return value == null ? "" : value;
        } catch (IOException e) {
            throw new AnalysisException(jar + " " + ReadFailure.problem(e) + "; " + ReadFailure.projectJarFix(e) + ".", e);
        }
    }

    private record Release(int release, String source) {}

    /**
     * The configured release, else the newest class-file version among the application's classes and Quarkus's own
     * launcher: an application compiled for 11 still needs the Java that Quarkus was built for.
     */
    private static Release release(ProjectInput input, List<Path> appJars, List<Path> runnerJars) throws AnalysisException {
        if (input.configuredRelease().isPresent()) {
            return new Release(input.configuredRelease().getAsInt(), "project configuration");
        }
        int app = 0;
        for (Path jar : appJars) {
            app = Math.max(app, highestRelease(jar, null));
        }
        int runner = 0;
        for (Path jar : runnerJars) {
            runner = Math.max(runner, highestRelease(jar, RUNNER_CLASS));
        }
        if (runner > app) {
            return new Release(runner, "class-file version of Quarkus's launcher");
        }
        return app > 0 ? new Release(app, "highest class-file version") : new Release(17, "default (no classes to read)");
    }

    /** The highest class-file version in {@code jar}, or only that of {@code onlyEntry} when given. */
    private static int highestRelease(Path jar, String onlyEntry) throws AnalysisException {
        try (JarFile jarFile = ReadFailure.openJar(jar)) {
            int highest = 0;
            List<JarEntry> entries = onlyEntry == null
                    ? jarFile.stream().filter(e -> e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")).toList()
                    : Stream.ofNullable(jarFile.getJarEntry(onlyEntry)).toList();
            for (JarEntry entry : entries) {
                try (InputStream in = jarFile.getInputStream(entry)) {
                    highest = Math.max(highest, ClassFiles.release(in.readNBytes(8)));
                }
            }
            return highest;
        } catch (IOException e) {
            throw new AnalysisException(jar + " " + ReadFailure.problem(e) + "; " + ReadFailure.projectJarFix(e) + ".", e);
        }
    }

    // --- files -------------------------------------------------------------------------------------------------

    private static List<Path> regularFiles(Path root) throws AnalysisException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted(Comparator.comparing(p -> root.relativize(p).toString())).toList();
        } catch (IOException e) {
            throw new AnalysisException("Quarkus's build output " + root + " " + ReadFailure.problem(e)
                    + "; rebuild with mvn clean package.", e);
        }
    }

    /** The newest modification time of a file under {@code directory}, or null if there is none. */
    private static FileTime newestFileTime(Path directory) throws AnalysisException {
        if (directory == null || !Files.isDirectory(directory)) {
            return null;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            FileTime newest = null;
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                FileTime time = Files.getLastModifiedTime(file);
                newest = newest == null || time.compareTo(newest) > 0 ? time : newest;
            }
            return newest;
        } catch (IOException e) {
            throw new AnalysisException(directory + " " + ReadFailure.problem(e) + "; rebuild with mvn clean package.", e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
