package dev.slimimage.plan;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.AppLayout;
import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether and how the image gets a {@link StartupCache}: {@code none}, {@code auto} (an AOT cache on Java 25+,
 * dynamic AppCDS on 17–24, nothing below 17), or an explicit {@code cds} / {@code aot}, and refuses what cannot work.
 */
public final class StartupCachePlanner {

    static final String PARAMETER = "startupCache";
    /** The oldest Java the plugin trains a cache for: dynamic AppCDS came with 13, the plugin's runtimes start at 17. */
    static final int FIRST_CDS_RELEASE = 17;
    /** JDK 25 brought the one-step AOT cache ({@code -XX:AOTCacheOutput}, JEP 514). */
    static final int FIRST_AOT_RELEASE = 25;
    /** Spring Framework 6.1 (Spring Boot 3.2) brought {@code spring.context.exit=onRefresh}. */
    static final String SPRING_EXIT_FLAG = "-Dspring.context.exit=onRefresh";
    private static final Pattern SPRING_CONTEXT_JAR = Pattern.compile(".*/spring-context-(\\d+)\\.(\\d+)[^/]*\\.jar");

    private final Consumer<String> notes;
    private final Consumer<String> warnings;

    StartupCachePlanner(Consumer<String> notes, Consumer<String> warnings) {
        this.notes = notes;
        this.warnings = warnings;
    }

    /**
     * @param mode {@code none}, {@code auto}, {@code cds} or {@code aot}; null means {@code none}
     * @param javaRelease the Java release of the runtime the cache is trained on and used by
     * @param cdsArchive whether a linked runtime carries the JDK's default CDS archive (true for the other runtimes)
     * @param imageArgs the image's default program arguments, which a Spring Boot training run keeps
     */
    Optional<StartupCache> plan(String mode, RuntimeKind runtime, int javaRelease, boolean cdsArchive, AppAnalysis app,
                                List<String> imageArgs, List<String> trainingJvmFlags, List<String> trainingArgs)
            throws ConfigurationException {
        String m = mode == null ? "none" : mode.strip().toLowerCase(Locale.ROOT);
        boolean trainingGiven = !trainingArgs.isEmpty() || !trainingJvmFlags.isEmpty();
        if (m.isEmpty() || m.equals("none")) {
            if (trainingGiven) {
                warnings.accept("trainingArgs and trainingJvmFlags are ignored: startupCache is none; set startupCache=auto "
                        + "(-Dslim.startupCache=auto) to train a startup cache with them.");
            }
            return Optional.empty();
        }
        if (!List.of("auto", "cds", "aot").contains(m)) {
            throw new ConfigurationException(PARAMETER, mode, "Unknown startupCache '" + mode + "'",
                    "use one of none, auto, cds, aot");
        }
        if (javaRelease < FIRST_CDS_RELEASE) {
            if (m.equals("auto")) {
                notes.accept("startupCache=auto trains no cache: the runtime is Java " + javaRelease + ", and the plugin trains "
                        + "startup caches on Java " + FIRST_CDS_RELEASE + " and later.");
                return Optional.empty();
            }
            throw new ConfigurationException(PARAMETER, mode, "startupCache=" + m + " needs a Java " + FIRST_CDS_RELEASE
                    + " or later runtime, and this one is Java " + javaRelease, "use a newer runtime (runtimeImage, builderImage) "
                    + "or set startupCache=none");
        }
        if (m.equals("aot") && javaRelease < FIRST_AOT_RELEASE) {
            throw new ConfigurationException(PARAMETER, mode, "startupCache=aot needs Java " + FIRST_AOT_RELEASE + " or later "
                    + "(-XX:AOTCacheOutput), and the runtime is Java " + javaRelease, "use startupCache=cds or auto (dynamic AppCDS "
                    + "on Java 17-24), or a Java 25 runtime");
        }
        StartupCache.Kind kind = m.equals("cds") || (m.equals("auto") && javaRelease < FIRST_AOT_RELEASE)
                ? StartupCache.Kind.CDS : StartupCache.Kind.AOT;
        if (kind == StartupCache.Kind.CDS && runtime == RuntimeKind.JLINK && !cdsArchive) {
            throw new ConfigurationException(PARAMETER, mode, "startupCache=" + m + " trains a dynamic AppCDS archive, which "
                    + "builds on the runtime's default CDS archive, and jlinkCdsArchive=false leaves that out of the linked runtime",
                    "remove jlinkCdsArchive=false" + (javaRelease >= FIRST_AOT_RELEASE ? " or use startupCache=aot" : "")
                    + ", or set startupCache=none");
        }
        if (app.layout() == AppLayout.WAR) {
            throw new ConfigurationException(PARAMETER, mode, "startupCache=" + m + " cannot train on a war: Tomcat serves until it "
                    + "is stopped and has no way to start, deploy and exit for a training run", "set startupCache=none for a war, "
                    + "or package the application as a Spring Boot jar");
        }
        Optional<String> directory = classPathDirectory(withClassRootPacked(app));
        if (directory.isPresent()) {
            throw new ConfigurationException(PARAMETER, mode, "startupCache=" + m + " cannot train a " + app.layout().description()
                    + " yet: the image starts it from the directory " + directory.get() + ", and the JVM archives classes only "
                    + "from jar files and refuses a class path with a non-empty directory", "set startupCache=none");
        }
        return trainingRun(m, kind, javaRelease, app, imageArgs, trainingJvmFlags, trainingArgs);
    }

    /**
     * The application as the cache needs it: the JVM archives classes only from jars and refuses a class path with a
     * non-empty directory, so the files under the class root ({@code /app/classes}, Spring Boot's
     * {@code /app/BOOT-INF/classes}) become one jar per layer in that directory ({@code classes.jar},
     * {@code resources.jar}), and the class path names those jars. Spring Boot's exploded jar then starts its
     * {@code Start-Class} with the jars of {@code BOOT-INF/lib}, as Spring Boot's own extracted layout for CDS does,
     * instead of through {@code JarLauncher} from the directory {@code /app}. Every jar is named on the class path, none
     * through a wildcard, so that the class path is the same on every host. An application started from jars is returned as it is.
     */
    public static AppAnalysis withClassRootPacked(AppAnalysis app) {
        String root = app.classRoot();
        String prefix = root + "/";
        List<Layer> layers = new ArrayList<>();
        List<String> jars = new ArrayList<>();
        for (Layer layer : app.layers()) {
            TreeMap<String, FileSource> entries = new TreeMap<>();
            List<ImageFile> kept = new ArrayList<>();
            long bytes = 0;
            for (ImageFile file : layer.files()) {
                if (file.imagePath().startsWith(prefix)) {
                    entries.put(file.imagePath().substring(prefix.length()), file.source());
                    bytes += file.source().size();
                } else {
                    kept.add(file);
                }
            }
            if (!entries.isEmpty()) {
                String jar = prefix + layer.name().replaceAll("[^A-Za-z0-9._-]", "_") + ".jar";
                kept.add(new ImageFile(jar, new FileSource.Packed(entries, bytes)));
                jars.add(jar);
            }
            layers.add(new Layer(layer.name(), kept));
        }
        if (jars.isEmpty()) {
            return app;
        }
        List<String> launch = new ArrayList<>(app.launchArguments());
        int cp = launch.indexOf("-cp");
        if (cp < 0 || cp + 2 >= launch.size()) {
            return app;
        }
        List<String> classPath = new ArrayList<>();
        for (String entry : launch.get(cp + 1).split(":")) {
            if (entry.equals(root)) {
                classPath.addAll(jars);
            } else if (app.layout() == AppLayout.SPRING_BOOT && prefix.startsWith(entry + "/")) {
                // The exploded jar's root, from which JarLauncher would read BOOT-INF/: the same class path, flat.
                classPath.addAll(jars);
                classPath.add(root.substring(0, root.lastIndexOf('/')) + "/lib/*");
                launch.set(cp + 2, app.mainClass());
            } else {
                classPath.add(entry);
            }
        }
        launch.set(cp + 1, String.join(":", withWildcardsListed(classPath, layers)));
        return new AppAnalysis(app.layout(), app.mainClass(), launch, app.javaRelease(), app.releaseSource(), layers,
                app.naiveImageFiles(), app.launchManifest());
    }

    /**
     * The class path with each {@code dir/*} replaced by the jars the layers put in that directory, in the layers'
     * order: the JVM expands a wildcard in the order the file system lists the directory, which differs between
     * hosts, and a cache trained on one order is silently not used with another ({@code shared class paths mismatch}).
     */
    static List<String> withWildcardsListed(List<String> classPath, List<Layer> layers) {
        List<String> listed = new ArrayList<>();
        for (String entry : classPath) {
            if (!entry.endsWith("/*")) {
                listed.add(entry);
                continue;
            }
            String directory = entry.substring(0, entry.length() - 1);
            for (Layer layer : layers) {
                for (ImageFile file : layer.files()) {
                    String path = file.imagePath();
                    if (path.startsWith(directory) && path.endsWith(".jar") && path.indexOf('/', directory.length()) < 0) {
                        listed.add(path);
                    }
                }
            }
        }
        return listed;
    }

    /**
     * The class path directory the image starts the application from ({@code -cp /app/classes:…}, Spring Boot's
     * exploded {@code -cp /app}); empty when it starts from jars only ({@code -jar}).
     */
    static Optional<String> classPathDirectory(AppAnalysis app) {
        List<String> launch = app.launchArguments();
        int cp = Math.max(launch.indexOf("-cp"), launch.indexOf("-classpath"));
        if (cp < 0 || cp + 1 >= launch.size()) {
            return Optional.empty();
        }
        for (String entry : launch.get(cp + 1).split(":")) {
            if (!entry.endsWith(".jar") && !entry.endsWith("/*")) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The training run's JVM flags and arguments, by layout. */
    private static Optional<StartupCache> trainingRun(String mode, StartupCache.Kind kind, int javaRelease, AppAnalysis app,
            List<String> imageArgs, List<String> trainingJvmFlags, List<String> trainingArgs) throws ConfigurationException {
        boolean trainingGiven = !trainingArgs.isEmpty() || !trainingJvmFlags.isEmpty();
        List<String> flags = new ArrayList<>();
        List<String> args = new ArrayList<>(trainingArgs);
        if (app.layout() == AppLayout.SPRING_BOOT && !trainingGiven) {
            Optional<Version> version = springFrameworkVersion(app);
            if (version.isEmpty() || version.get().major() < 6 || (version.get().major() == 6 && version.get().minor() < 1)) {
                String found = version.map(v -> "Spring Framework " + v.major() + "." + v.minor())
                        .orElse("a Spring Framework whose version is unknown (no spring-context jar in BOOT-INF/lib)");
                throw new ConfigurationException(PARAMETER, mode, "startupCache=" + mode + " trains a Spring Boot application with "
                        + SPRING_EXIT_FLAG + ", which needs Spring Framework 6.1 (Spring Boot 3.2) or later, and this jar has "
                        + found, "upgrade to Spring Boot 3.2 or later, or give arguments that make the application start and "
                        + "exit with <trainingArgs> (-Dslim.startupCache.trainingArgs=…)");
            }
            flags.add(SPRING_EXIT_FLAG);
            args.addAll(imageArgs);
        } else if (!trainingGiven) {
            throw new ConfigurationException(PARAMETER, mode, "startupCache=" + mode + " needs a training run that starts the "
                    + "application and exits, and a " + app.layout().description() + " has no standard way to do that",
                    "give the arguments of such a run with <trainingArgs> (-Dslim.startupCache.trainingArgs=…) or its JVM flags "
                    + "with <trainingJvmFlags>, or set startupCache=none");
        }
        flags.addAll(trainingJvmFlags);
        return Optional.of(new StartupCache(kind, javaRelease, flags, args));
    }

    /** The major and minor version of the spring-context jar a Spring Boot jar bundles; empty when it has none. */
    static Optional<Version> springFrameworkVersion(AppAnalysis app) {
        for (Layer layer : app.layers()) {
            for (ImageFile file : layer.files()) {
                Matcher matcher = SPRING_CONTEXT_JAR.matcher(file.imagePath());
                if (matcher.matches()) {
                    return Optional.of(new Version(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
                }
            }
        }
        return Optional.empty();
    }

    record Version(int major, int minor) {
    }
}
