package dev.slimimage.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out how a packaged project goes into an image: which layout its jar has, which class starts it, which
 * Java release it needs, and which files go into which layer. Reads jars only; runs nothing.
 */
public final class ProjectAnalyzer {

    static final String APP_DIR = "/app";
    static final String CLASSES_DIR = APP_DIR + "/classes";
    static final String LIB_DIR = APP_DIR + "/lib";
    /** A shaded jar's bundled libraries, packed; its own path, so that it comes before {@code lib/*} on the class path. */
    static final String SHADED_LIBRARIES_JAR = APP_DIR + "/shaded/libraries.jar";
    static final String SHADED_LAYER = "shaded-dependencies";
    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    /** Local header, central directory entry and data descriptor of one zip entry, without its name (counted twice). */
    private static final long ENTRY_HEADERS_BYTES = 30 + 46 + 16;
    private static final long EMPTY_JAR_BYTES = 22;

    private static final String BOOT_CLASSES = "BOOT-INF/classes/";
    private static final String BOOT_LIB = "BOOT-INF/lib/";
    private static final String BOOT_LOADER = "org/springframework/boot/loader/";
    private static final String VERSIONED = "META-INF/versions/";
    private static final String WAR_CLASSES = "WEB-INF/classes/";
    private static final String WAR_LIB = "WEB-INF/lib/";
    private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom\\.properties");
    private static final Pattern TIMESTAMPED_SNAPSHOT = Pattern.compile("-\\d{8}\\.\\d{6}-\\d+");
    private static final Map<String, Integer> LAYER_RANK = Map.of(
            Layer.DEPENDENCIES, 0,
            Layer.SNAPSHOT_DEPENDENCIES, 2,
            Layer.LOADER, 3,
            Layer.RESOURCES, 4,
            Layer.CLASSES, 5);
    private static final int CUSTOM_LAYER_RANK = 1;

    public AppAnalysis analyze(ProjectInput input) throws AnalysisException {
        if (QuarkusAnalyzer.applies(input)) {
            return new QuarkusAnalyzer().analyze(input);
        }
        boolean war = "war".equals(input.packaging());
        if (!war && !"jar".equals(input.packaging())) {
            throw new AnalysisException("Packaging '" + input.packaging() + "' is not supported: slim builds images of jar projects "
                    + "(a plain jar with dependencies, a shaded jar or a Spring Boot executable jar) and of war projects; "
                    + "set <skip>true</skip> (-Dslim.skip) for this module.");
        }
        Path jar = input.artifactFile();
        if (jar == null || !Files.isRegularFile(jar)) {
            String what = input.artifactOrigin().description();
            throw new AnalysisException(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " " + (jar == null ? "" : jar + " ")
                    + "does not exist yet: " + input.artifactOrigin().whenMissing() + ".");
        }
        try (JarFile jarFile = ReadFailure.openJar(jar)) {
            List<JarEntry> entries = jarFile.stream()
                    .filter(e -> !e.isDirectory())
                    .sorted(Comparator.comparing(JarEntry::getName))
                    .toList();
            if (war) {
                return war(input, jar, jarFile, entries);
            }
            Manifest manifest = Optional.ofNullable(jarFile.getManifest()).orElseGet(Manifest::new);
            if (entries.stream().anyMatch(e -> e.getName().startsWith(BOOT_CLASSES) || e.getName().startsWith(BOOT_LIB))) {
                return springBoot(input, jar, jarFile, entries, manifest.getMainAttributes());
            }
            if (entries.stream().anyMatch(e -> e.getName().startsWith("WEB-INF/"))) {
                throw new AnalysisException(jar.getFileName() + " has WEB-INF/ but the project's packaging is jar: slim deploys "
                        + "web applications from war packaging; set <packaging>war</packaging>, or package an executable jar.");
            }
            if (isShaded(input, entries)) {
                return shaded(input, jar, jarFile, entries, manifest.getMainAttributes());
            }
            return plain(input, jar, jarFile, entries, manifest.getMainAttributes());
        } catch (IOException e) {
            throw new AnalysisException(jar + " " + ReadFailure.problem(e) + "; " + ReadFailure.projectJarFix(e) + ".", e);
        }
    }

    private AppAnalysis plain(ProjectInput input, Path jar, JarFile jarFile, List<JarEntry> entries, Attributes manifest)
            throws IOException, AnalysisException {
        List<JarEntry> classEntries = entries.stream().filter(e -> isClass(e.getName())).toList();
        String mainClass = resolveMainClass(input, manifest.getValue(Attributes.Name.MAIN_CLASS), jar, jarFile, classEntries);
        ReleaseChoice release = resolveRelease(input, jarFile, classEntries);

        List<ImageFile> classes = new ArrayList<>();
        List<ImageFile> resources = new ArrayList<>();
        for (JarEntry entry : entries) {
            ImageFile file = new ImageFile(CLASSES_DIR + "/" + entry.getName(), new FileSource.InJar(jar, entry.getName(), entry.getSize()));
            (entry.getName().endsWith(".class") ? classes : resources).add(file);
        }
        List<Dependency> deps = checkedDependencies(input.runtimeDependencies());
        LaunchManifest launch = LaunchManifest.read(manifest, release.release(), jar.getFileName().toString());
        return new AppAnalysis(AppLayout.PLAIN_JAR, mainClass, classpathLaunch(launch, mainClass, deps.isEmpty() ? List.of(CLASSES_DIR) : List.of(CLASSES_DIR, LIB_DIR + "/*")), release.release(),
                release.source(), launch.withLauncherAgentLayer(withDependencyLayers(deps, List.of(
                        new Layer(Layer.RESOURCES, resources),
                        new Layer(Layer.CLASSES, classes)))),
                naiveFiles(jar, deps), launch);
    }

    /**
     * A shaded jar stays packed: the entries the project compiled (those {@code target/classes} has) become the
     * {@code resources} and {@code classes} layers, and everything else, the bundled libraries with the merged
     * {@code META-INF} content and the manifest, is one jar in the {@code shaded-dependencies} layer. Exploding tens of
     * thousands of library files made images bigger than the jar itself and staging slow.
     */
    private AppAnalysis shaded(ProjectInput input, Path jar, JarFile jarFile, List<JarEntry> entries, Attributes manifest)
            throws IOException, AnalysisException {
        Path classesDir = input.classesDirectory();
        List<JarEntry> ownClassEntries = entries.stream()
                .filter(e -> isClass(e.getName()) && isOwn(classesDir, e.getName()))
                .toList();
        String mainClass = resolveMainClass(input, manifest.getValue(Attributes.Name.MAIN_CLASS), jar, jarFile, ownClassEntries);
        ReleaseChoice release = resolveRelease(input, jarFile, ownClassEntries);

        List<String> bundled = new ArrayList<>();
        long bundledBytes = EMPTY_JAR_BYTES;
        List<ImageFile> classes = new ArrayList<>();
        List<ImageFile> resources = new ArrayList<>();
        for (JarEntry entry : entries) {
            String name = entry.getName();
            if (isOwn(classesDir, name)) {
                ImageFile file = new ImageFile(CLASSES_DIR + "/" + name, new FileSource.InJar(jar, name, entry.getSize()));
                (name.endsWith(".class") ? classes : resources).add(file);
            } else {
                bundled.add(name);
                bundledBytes += Math.max(0, entry.getCompressedSize()) + ENTRY_HEADERS_BYTES + 2L * name.length();
            }
        }
        Set<String> entryNames = new HashSet<>();
        entries.forEach(e -> entryNames.add(e.getName()));
        Set<String> shadedArtifacts = shadedArtifactKeys(entries);
        List<Dependency> notShaded = new ArrayList<>();
        Map<String, String> libraryByPackage = new TreeMap<>();
        for (Dependency dep : checkedDependencies(input.runtimeDependencies())) {
            List<String> depClasses = classEntries(dep);
            boolean shadedIn = shadedArtifacts.contains(dep.groupId() + ":" + dep.artifactId())
                    || (!depClasses.isEmpty() && entryNames.contains(depClasses.get(0)));
            if (shadedIn) {
                depClasses.forEach(c -> libraryByPackage.putIfAbsent(packageOf(c), dep.fileName()));
            } else {
                notShaded.add(dep);
            }
        }
        List<Layer> layers = new ArrayList<>(withDependencyLayers(notShaded, List.of()));
        layers.add(0, new Layer(SHADED_LAYER, bundled.isEmpty() ? List.of() : List.of(new ImageFile(SHADED_LIBRARIES_JAR,
                new FileSource.JarSubset(jar, bundled, bundledBytes, libraryByPackage)))));
        layers.add(new Layer(Layer.RESOURCES, resources));
        layers.add(new Layer(Layer.CLASSES, classes));
        List<String> classPath = new ArrayList<>(List.of(CLASSES_DIR));
        if (!bundled.isEmpty()) {
            classPath.add(SHADED_LIBRARIES_JAR);
        }
        if (!notShaded.isEmpty()) {
            classPath.add(LIB_DIR + "/*");
        }
        LaunchManifest launch = LaunchManifest.read(manifest, release.release(), jar.getFileName().toString());
        return new AppAnalysis(AppLayout.SHADED_JAR, mainClass, classpathLaunch(launch, mainClass, classPath),
                release.release(), release.source(), launch.withLauncherAgentLayer(layers), naiveFiles(jar, notShaded), launch);
    }

    /**
     * The project's own entries are those it compiled or copied into {@code target/classes}; a merged one (a services
     * file that libraries also declare) is taken as the shaded jar holds it, so it is on the class path once. The
     * manifest belongs to the whole jar and goes with the libraries, where {@code getResource} finds it as with java -jar.
     */
    private static boolean isOwn(Path classesDir, String entryName) {
        return !entryName.equals(MANIFEST) && Files.isRegularFile(classesDir.resolve(entryName));
    }

    private AppAnalysis springBoot(ProjectInput input, Path jar, JarFile jarFile, List<JarEntry> entries, Attributes manifest)
            throws IOException, AnalysisException {
        String launcher = manifest.getValue(Attributes.Name.MAIN_CLASS);
        String startClass = manifest.getValue("Start-Class");
        if (launcher == null || startClass == null) {
            throw new AnalysisException(jar.getFileName() + " has BOOT-INF/ but no Main-Class/Start-Class in its manifest: "
                    + "let spring-boot-maven-plugin's repackage goal build it.");
        }
        List<JarEntry> appClasses = entries.stream()
                .filter(e -> e.getName().startsWith(BOOT_CLASSES) && isClass(e.getName().substring(BOOT_CLASSES.length())))
                .toList();
        ReleaseChoice release = resolveRelease(input, jarFile, appClasses);
        String mainClass = input.configuredMainClass().orElse(startClass);
        // java -jar applies the outer manifest's Add-Opens and the like; JarLauncher does not, exploded or not.
        LaunchManifest launchManifest = LaunchManifest.read(manifest, release.release(), jar.getFileName().toString());
        List<String> launch = new ArrayList<>(launchManifest.jvmOptions());
        launch.addAll(mainClass.equals(startClass)
                // The exploded jar keeps classpath.idx ordering only when Spring Boot's own launcher starts it.
                ? List.of("-cp", APP_DIR, launcher)
                : List.of("-cp", APP_DIR + "/" + BOOT_CLASSES + ":" + APP_DIR + "/" + BOOT_LIB + "*", mainClass));

        Optional<List<IndexedLayer>> index = readLayersIndex(jarFile);
        Map<String, List<ImageFile>> byLayer = new LinkedHashMap<>();
        for (JarEntry entry : entries) {
            String name = entry.getName();
            String layer = index.map(idx -> indexedLayerOf(idx, name)).orElseGet(() -> defaultBootLayerOf(name));
            layer = switch (layer) {
                case "spring-boot-loader" -> Layer.LOADER;
                case "application" -> name.startsWith(BOOT_CLASSES) && name.endsWith(".class") ? Layer.CLASSES : Layer.RESOURCES;
                default -> layer;
            };
            byLayer.computeIfAbsent(layer, k -> new ArrayList<>())
                    .add(new ImageFile(APP_DIR + "/" + name, new FileSource.InJar(jar, name, entry.getSize())));
        }
        List<Layer> layers = byLayer.entrySet().stream()
                .map(e -> new Layer(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(l -> LAYER_RANK.getOrDefault(l.name(), CUSTOM_LAYER_RANK)))
                .toList();
        return new AppAnalysis(AppLayout.SPRING_BOOT, mainClass, launch, release.release(), release.source(),
                launchManifest.withLauncherAgentLayer(layers), List.of(jar), launchManifest);
    }

    /**
     * The exploded WAR as the container's root web application: WEB-INF/lib's jars as dependency layers, then the
     * web resources (JSPs, static files, descriptors), then WEB-INF/classes' classes, which change most often.
     */
    private AppAnalysis war(ProjectInput input, Path war, JarFile warFile, List<JarEntry> entries) throws IOException, AnalysisException {
        List<JarEntry> classEntries = entries.stream()
                .filter(e -> e.getName().startsWith(WAR_CLASSES) && isClass(e.getName().substring(WAR_CLASSES.length())))
                .toList();
        Set<String> classNames = new HashSet<>();
        classEntries.forEach(e -> classNames.add(e.getName()));
        if (entries.stream().noneMatch(e -> e.getName().startsWith("WEB-INF/"))) {
            throw new AnalysisException(war.getFileName() + " has no WEB-INF/, so it is not a web application archive: "
                    + "let maven-war-plugin package the project.");
        }
        ReleaseChoice release = resolveRelease(input, warFile, classEntries);
        List<ImageFile> releases = new ArrayList<>();
        List<ImageFile> snapshots = new ArrayList<>();
        List<ImageFile> resources = new ArrayList<>();
        List<ImageFile> classes = new ArrayList<>();
        for (JarEntry entry : entries) {
            String name = entry.getName();
            ImageFile file = new ImageFile(ServletContainer.ROOT_WEBAPP + "/" + name, new FileSource.InJar(war, name, entry.getSize()));
            if (name.startsWith(WAR_LIB) && name.endsWith(".jar") && name.indexOf('/', WAR_LIB.length()) < 0) {
                (isSnapshotFileName(name) ? snapshots : releases).add(file);
            } else if (classNames.contains(name)) {
                classes.add(file);
            } else {
                resources.add(file);
            }
        }
        return new AppAnalysis(AppLayout.WAR, ServletContainer.MAIN_CLASS, ServletContainer.launchArguments(), release.release(),
                release.source(), List.of(
                        new Layer(Layer.DEPENDENCIES, releases),
                        new Layer(Layer.SNAPSHOT_DEPENDENCIES, snapshots),
                        new Layer(Layer.RESOURCES, resources),
                        new Layer(Layer.CLASSES, classes)),
                List.of(war));
    }

    // --- main class --------------------------------------------------------------------------------------

    private String resolveMainClass(ProjectInput input, String manifestMainClass, Path jar, JarFile jarFile, List<JarEntry> classEntries)
            throws IOException, AnalysisException {
        if (input.configuredMainClass().isPresent()) {
            return input.configuredMainClass().get();
        }
        if (manifestMainClass != null && !manifestMainClass.isBlank()) {
            return manifestMainClass.trim();
        }
        Set<String> candidates = new TreeSet<>();
        for (JarEntry entry : classEntries) {
            String name = ClassFiles.mainClassName(read(jarFile, entry));
            if (name != null) {
                candidates.add(name);
            }
        }
        if (candidates.size() == 1) {
            return candidates.iterator().next();
        }
        if (candidates.isEmpty()) {
            throw new AnalysisException("No main class found: " + jar + " (" + input.artifactOrigin().description()
                    + ") has no Main-Class attribute in META-INF/MANIFEST.MF and none of its " + classEntries.size()
                    + " classes declares public static void main(String[])"
                    + (input.artifactOrigin().equals(ArtifactOrigin.PROJECT_JAR)
                        ? ", and no maven-shade-plugin execution writes another jar (outputFile, shadedArtifactAttached)" : "")
                    + "; set <mainClass> (-Dslim.mainClass).");
        }
        throw new AnalysisException("Several main classes found in " + jar.getFileName() + ": " + String.join(", ", candidates)
                + "; choose one with <mainClass> (-Dslim.mainClass).");
    }

    // --- Java release --------------------------------------------------------------------------------------

    private record ReleaseChoice(int release, String source) {}

    private ReleaseChoice resolveRelease(ProjectInput input, JarFile jarFile, List<JarEntry> classEntries) throws IOException {
        if (input.configuredRelease().isPresent()) {
            return new ReleaseChoice(input.configuredRelease().getAsInt(), "project configuration");
        }
        int highest = 0;
        for (JarEntry entry : classEntries) {
            highest = Math.max(highest, ClassFiles.release(read(jarFile, entry)));
        }
        if (highest > 0) {
            return new ReleaseChoice(highest, "highest class-file version");
        }
        return new ReleaseChoice(17, "default (no classes to read)");
    }

    // --- dependencies --------------------------------------------------------------------------------------

    private static List<Dependency> checkedDependencies(List<Dependency> deps) throws AnalysisException {
        for (Dependency dep : deps) {
            BasicFileAttributes attributes = null;
            if (dep.file() != null) {
                try {
                    attributes = Files.readAttributes(dep.file(), BasicFileAttributes.class);
                } catch (IOException e) {
                    throw unreadable(dep, e);
                }
            }
            if (attributes == null || !attributes.isRegularFile()) {
                throw new AnalysisException("Dependency " + dep.coordinates() + " resolved to " + dep.file() + ", which is not a jar file: "
                        + "build the whole reactor with mvn package so that sibling modules are packaged first.");
            }
        }
        return deps;
    }

    private static AnalysisException unreadable(Dependency dep, IOException e) {
        return new AnalysisException("Dependency " + dep.coordinates() + " resolved to " + dep.file() + ", which "
                + ReadFailure.problem(e) + "; " + ReadFailure.dependencyFix(e) + ".", e);
    }

    /** Release dependencies first, then snapshots (they change more often), then the given application layers. */
    private static List<Layer> withDependencyLayers(List<Dependency> deps, List<Layer> appLayers) {
        Set<String> usedNames = new HashSet<>();
        List<ImageFile> releases = new ArrayList<>();
        List<ImageFile> snapshots = new ArrayList<>();
        for (Dependency dep : deps) {
            String name = dep.fileName();
            if (!usedNames.add(name)) {
                // Two artifacts can share artifactId-version.jar; the groupId keeps them apart.
                name = dep.groupId() + "-" + name;
                usedNames.add(name);
            }
            ImageFile file = new ImageFile(LIB_DIR + "/" + name, new FileSource.OnDisk(dep.file(), size(dep.file())));
            (dep.snapshot() ? snapshots : releases).add(file);
        }
        List<Layer> layers = new ArrayList<>();
        layers.add(new Layer(Layer.DEPENDENCIES, releases));
        layers.add(new Layer(Layer.SNAPSHOT_DEPENDENCIES, snapshots));
        layers.addAll(appLayers);
        return layers;
    }

    private static List<String> classpathLaunch(LaunchManifest manifest, String mainClass, List<String> classPath) {
        List<String> launch = new ArrayList<>(manifest.jvmOptions());
        launch.addAll(List.of("-cp", String.join(":", classPath), mainClass));
        return launch;
    }

    private static List<Path> naiveFiles(Path jar, List<Dependency> deps) {
        List<Path> files = new ArrayList<>();
        files.add(jar);
        deps.forEach(d -> files.add(d.file()));
        return files;
    }

    // --- shaded jars ----------------------------------------------------------------------------------------

    /** A jar holds classes that the project did not compile only when something (shade, assembly) merged them in. */
    private static boolean isShaded(ProjectInput input, List<JarEntry> entries) {
        Path classesDir = input.classesDirectory();
        if (classesDir == null || !Files.isDirectory(classesDir)) {
            return false;
        }
        return entries.stream().anyMatch(e -> isClass(e.getName()) && !Files.isRegularFile(classesDir.resolve(e.getName())));
    }

    private static Set<String> shadedArtifactKeys(List<JarEntry> entries) {
        Set<String> keys = new HashSet<>();
        for (JarEntry entry : entries) {
            Matcher m = POM_PROPERTIES.matcher(entry.getName());
            if (m.matches()) {
                keys.add(m.group(1) + ":" + m.group(2));
            }
        }
        return keys;
    }

    /** The dependency's class entries in jar order: the first one tells whether it was shaded in, all give its packages. */
    private static List<String> classEntries(Dependency dependency) throws AnalysisException {
        try (JarFile dep = ReadFailure.openJar(dependency.file())) {
            return dep.stream().map(JarEntry::getName).filter(ProjectAnalyzer::isClass).toList();
        } catch (IOException e) {
            throw unreadable(dependency, e);
        }
    }

    private static String packageOf(String classEntry) {
        int slash = classEntry.lastIndexOf('/');
        return slash < 0 ? "" : classEntry.substring(0, slash);
    }

    // --- Spring Boot layers.idx ------------------------------------------------------------------------------

    private record IndexedLayer(String name, List<String> prefixes) {}

    private static Optional<List<IndexedLayer>> readLayersIndex(JarFile jarFile) throws IOException {
        JarEntry entry = jarFile.getJarEntry("BOOT-INF/layers.idx");
        if (entry == null) {
            return Optional.empty();
        }
        List<IndexedLayer> layers = new ArrayList<>();
        for (String line : new String(read(jarFile, entry), StandardCharsets.UTF_8).split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("- \"")) {
                continue;
            }
            String value = trimmed.substring(3, trimmed.lastIndexOf('"'));
            if (!line.startsWith(" ")) {
                layers.add(new IndexedLayer(value, new ArrayList<>()));
            } else if (!layers.isEmpty()) {
                layers.get(layers.size() - 1).prefixes().add(value);
            }
        }
        return Optional.of(layers);
    }

    private static String indexedLayerOf(List<IndexedLayer> index, String entryName) {
        for (IndexedLayer layer : index) {
            for (String prefix : layer.prefixes()) {
                if (prefix.endsWith("/") ? entryName.startsWith(prefix) : entryName.equals(prefix)) {
                    return layer.name();
                }
            }
        }
        return "application";
    }

    private static String defaultBootLayerOf(String entryName) {
        if (entryName.startsWith(BOOT_LIB)) {
            return isSnapshotFileName(entryName) ? Layer.SNAPSHOT_DEPENDENCIES : Layer.DEPENDENCIES;
        }
        if (entryName.startsWith(BOOT_LOADER)) {
            return "spring-boot-loader";
        }
        return "application";
    }

    static boolean isSnapshotFileName(String name) {
        return name.contains("-SNAPSHOT") || TIMESTAMPED_SNAPSHOT.matcher(name).find();
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static boolean isClass(String name) {
        return name.endsWith(".class") && !name.startsWith(VERSIONED) && !name.startsWith("META-INF/")
                && !name.endsWith("module-info.class");
    }

    private static byte[] read(JarFile jarFile, JarEntry entry) throws IOException {
        try (InputStream in = jarFile.getInputStream(entry)) {
            return in.readAllBytes();
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
