package dev.slimimage.plugin;


import dev.slimimage.analysis.AnalysisException;
import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.Dependency;
import dev.slimimage.analysis.Layer;
import dev.slimimage.analysis.ProjectAnalyzer;
import dev.slimimage.analysis.ProjectInput;
import dev.slimimage.plan.ConfigurationException;
import dev.slimimage.plan.GitRevision;
import dev.slimimage.plan.OutputTimestamp;
import dev.slimimage.pipeline.SlimImageBuilder;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.RuntimeKind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** Parameters and plan-building shared by the goals that analyse the project. Holds no state beyond its parameters. */
abstract class AbstractPlanMojo extends AbstractSlimMojo {

    private static final Set<String> RUNTIME_SCOPES = Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME);
    static final String RUNTIME_LABEL = "dev.slimimage.runtime";
    private static final String DEFAULT_HEAP_FLAG = "-XX:MaxRAMPercentage=75";

    /** The class whose {@code main} starts the application; found in the jar manifest or by a class scan when unset. */
    @Parameter(property = "slim.mainClass")
    protected String mainClass;

    /**
     * {@code jre} (a JRE image), {@code distroless} (no shell, no package manager) or {@code jlink} (a runtime linked
     * from the builder JDK with only the modules the application needs, on a distroless base).
     */
    @Parameter(property = "slim.runtime", defaultValue = "jre")
    protected String runtime;

    /** The JDK image; default {@code eclipse-temurin:<release>-jdk}. The baseline is measured against it. */
    @Parameter(property = "slim.builderImage")
    protected String builderImage;

    /** The image the runtime stage starts from; default chosen by {@code runtime} and the Java release. */
    @Parameter(property = "slim.runtimeImage")
    protected String runtimeImage;

    /** The user the container runs as. */
    @Parameter(property = "slim.user", defaultValue = "65532")
    protected String user;

    /** JVM flags; {@code -XX:MaxRAMPercentage=75} is added unless these set the heap size themselves. */
    @Parameter(property = "slim.jvmFlags")
    protected List<String> jvmFlags;

    /** Ports to EXPOSE, e.g. {@code 8080} or {@code 8125/udp}. */
    @Parameter(property = "slim.ports")
    protected List<String> ports;

    /** Extra image labels; they override the OCI labels taken from the POM. */
    @Parameter
    protected Map<String, String> labels;

    /** Where the Dockerfile, the build context and the report are written; must be inside the build directory. */
    @Parameter(property = "slim.outputDirectory", defaultValue = "${project.build.directory}/slim", required = true)
    protected File outputDirectory;

    @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
    protected String outputTimestamp;

    /** jlink: locale data to link ({@code --include-locales}); {@code *} for all, {@code none} for none. */
    @Parameter(property = "slim.locales", defaultValue = ImagePlan.JlinkOptions.DEFAULT_LOCALES)
    protected String locales;

    /** jlink: modules to link in addition to those the analysis finds. */
    @Parameter(property = "slim.addModules")
    protected List<String> addModules;

    /** jlink: modules to leave out even though the analysis would link them. */
    @Parameter(property = "slim.excludeModules")
    protected List<String> excludeModules;

    /** Results kept between builds, such as the module analysis; survives until mvn clean. */
    @Parameter(defaultValue = "${project.build.directory}/slim-cache", readonly = true)
    protected File cacheDirectory;

    protected SlimImageBuilder.StagedContext stageContext() throws MojoExecutionException, MojoFailureException {
        ImagePlan plan = plan();
        Path contextDirectory = checkedOutputDirectory();
        try {
            SlimImageBuilder.StagedContext staged = new SlimImageBuilder().stage(plan, contextDirectory, cacheDirectory.toPath(),
                    getLog()::info);
            AppAnalysis app = plan.app();
            getLog().info("Wrote " + project.getBasedir().toPath().relativize(staged.dockerfilePath()) + ": "
                    + app.layout().description() + ", main class " + app.mainClass() + ", Java " + app.javaRelease()
                    + " (" + app.releaseSource() + "), runtime " + plan.runtimeImage());
            for (Layer layer : app.layers()) {
                getLog().info(String.format(Locale.ROOT, "  layer %-22s %5d file%s %10.1f kB", layer.name(), layer.files().size(),
                        layer.files().size() == 1 ? " " : "s", layer.bytes() / 1000.0));
            }
            staged.modules().ifPresent(modules -> {
                getLog().info("Linking " + modules.modules().size() + " modules (" + modules.method() + "): "
                        + String.join(",", modules.names()));
                modules.modules().forEach(m -> getLog().info("  " + m.name() + ": " + String.join("; ", m.reasons())));
                modules.excluded().forEach(m -> getLog().warn("  left out by excludeModules: " + m.name()
                        + " (" + String.join("; ", m.reasons()) + ")"));
            });
            return staged;
        } catch (IOException e) {
            throw new MojoExecutionException("Could not write the build context under " + contextDirectory + " (" + e.getMessage()
                    + "): check that the directory is writable and the disk has space.", e);
        }
    }

    protected ImagePlan plan() throws MojoFailureException {
        try {
            AppAnalysis app = new ProjectAnalyzer().analyze(projectInput());
            RuntimeKind kind = RuntimeKind.parse(runtime);
            String builder = Optional.ofNullable(blankToNull(builderImage))
                    .orElse(RuntimeKind.defaultBuilderImage(app.javaRelease()));
            String runtimeBase = Optional.ofNullable(blankToNull(runtimeImage)).orElse(kind.defaultImage(app.javaRelease()));
            dev.slimimage.plan.ImageReference.validateBase(builder, "builderImage");
            dev.slimimage.plan.ImageReference.validateBase(runtimeBase, "runtimeImage");
            Instant timestamp = OutputTimestamp.parse(outputTimestamp).orElse(OutputTimestamp.DEFAULT);
            ImagePlan.JlinkOptions jlink = new ImagePlan.JlinkOptions(checkedLocales(), checkedModules(addModules, "addModules"),
                    checkedModules(excludeModules, "excludeModules"));
            if (kind == RuntimeKind.JLINK && builder.contains("alpine") != runtimeBase.contains("alpine")) {
                getLog().warn("builderImage " + builder + " and runtimeImage " + runtimeBase + " look like different C libraries "
                        + "(musl vs glibc): a runtime linked on one does not start on the other; pick a matching pair.");
            }
            return new ImagePlan(app, kind, builder, runtimeBase, checkedUser(), effectiveJvmFlags(), checkedPorts(),
                    imageLabels(kind), timestamp, jlink);
        } catch (AnalysisException | ConfigurationException | IllegalArgumentException e) {
            throw new MojoFailureException(e.getMessage(), e);
        }
    }

    private ProjectInput projectInput() {
        List<Dependency> deps = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (RUNTIME_SCOPES.contains(artifact.getScope()) && artifact.getArtifactHandler().isAddedToClasspath()) {
                deps.add(new Dependency(artifact.getGroupId(), artifact.getArtifactId(), artifact.getBaseVersion(),
                        artifact.getFile() == null ? null : artifact.getFile().toPath(), artifact.isSnapshot()));
            }
        }
        File artifactFile = project.getArtifact() == null ? null : project.getArtifact().getFile();
        return new ProjectInput(project.getGroupId(), project.getArtifactId(), project.getPackaging(),
                artifactFile == null ? null : artifactFile.toPath(),
                Path.of(project.getBuild().getOutputDirectory()),
                deps, Optional.ofNullable(blankToNull(mainClass)), configuredRelease());
    }

    /** maven.compiler.release, else the compiler plugin's release, else its target (1.8 style too). */
    private OptionalInt configuredRelease() {
        Plugin compiler = project.getPlugin("org.apache.maven.plugins:maven-compiler-plugin");
        Xpp3Dom config = compiler == null ? null : (Xpp3Dom) compiler.getConfiguration();
        for (String candidate : new String[] {
                project.getProperties().getProperty("maven.compiler.release"), child(config, "release"),
                project.getProperties().getProperty("maven.compiler.target"), child(config, "target")}) {
            OptionalInt release = parseRelease(candidate);
            if (release.isPresent()) {
                return release;
            }
        }
        return OptionalInt.empty();
    }

    static OptionalInt parseRelease(String value) {
        if (value == null || value.isBlank() || value.contains("${")) {
            return OptionalInt.empty();
        }
        String v = value.strip();
        if (v.startsWith("1.")) {
            v = v.substring(2);
        }
        try {
            return OptionalInt.of(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static String child(Xpp3Dom config, String name) {
        Xpp3Dom child = config == null ? null : config.getChild(name);
        return child == null ? null : child.getValue();
    }

    private String checkedLocales() {
        String value = locales == null ? "" : locales.strip();
        if (value.isEmpty() || value.equals("*") || value.equalsIgnoreCase("none")) {
            return value.isEmpty() ? "*" : value;
        }
        for (String tag : value.split(",")) {
            if (!tag.strip().matches("[A-Za-z]{2,8}(-[A-Za-z0-9*]{1,8})*")) {
                throw new IllegalArgumentException("The locale '" + tag + "' in locales is not a language tag: use a list such as "
                        + "en,de,fr-CA, or * for all, or none.");
            }
        }
        return value.replaceAll("\\s+", "");
    }

    private static List<String> checkedModules(List<String> modules, String parameter) {
        List<String> checked = new ArrayList<>();
        if (modules == null) {
            return checked;
        }
        for (String module : modules) {
            for (String name : module.split(",")) {
                String n = name.strip();
                if (n.isEmpty()) {
                    continue;
                }
                if (!n.matches("[A-Za-z_][\\w]*(\\.[A-Za-z_][\\w]*)*")) {
                    throw new IllegalArgumentException("'" + n + "' in " + parameter + " is not a module name: use names such as "
                            + "java.sql or jdk.crypto.ec.");
                }
                checked.add(n);
            }
        }
        return checked;
    }

    private String checkedUser() {
        String u = user == null ? "" : user.strip();
        if (u.isEmpty() || !u.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?")) {
            throw new IllegalArgumentException("The user '" + user + "' is not valid: use a name or uid, optionally with :group, e.g. 65532 or 65532:65532.");
        }
        if (u.equals("0") || u.equals("root") || u.startsWith("0:") || u.startsWith("root:")) {
            getLog().warn("The image will run as root (user=" + u + "); the default 65532 is safer.");
        }
        return u;
    }

    private List<String> effectiveJvmFlags() {
        List<String> flags = new ArrayList<>();
        if (jvmFlags != null) {
            jvmFlags.stream().map(String::strip).filter(f -> !f.isEmpty()).forEach(flags::add);
        }
        boolean setsHeap = flags.stream().anyMatch(f -> f.startsWith("-Xmx") || f.startsWith("-XX:MaxRAMPercentage")
                || f.startsWith("-XX:MaxRAM=") || f.startsWith("-XX:MaxHeapSize"));
        if (!setsHeap) {
            flags.add(0, DEFAULT_HEAP_FLAG);
        }
        return flags;
    }

    private List<String> checkedPorts() {
        List<String> checked = new ArrayList<>();
        if (ports == null) {
            return checked;
        }
        for (String port : ports) {
            String p = port.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (!p.matches("\\d{1,5}(/(tcp|udp|sctp))?") || Integer.parseInt(p.split("/")[0]) > 65535) {
                throw new IllegalArgumentException("The port '" + port + "' is not valid: use a number from 1 to 65535, "
                        + "optionally with /tcp or /udp, e.g. 8080.");
            }
            checked.add(p);
        }
        return checked;
    }

    private Map<String, String> imageLabels(RuntimeKind kind) throws ConfigurationException {
        Map<String, String> result = new LinkedHashMap<>();
        // verify reads this to know whether a missing JDK class means a missing module.
        result.put(RUNTIME_LABEL, kind.id());
        String prefix = "org.opencontainers.image.";
        result.put(prefix + "title", Optional.ofNullable(blankToNull(project.getName())).orElse(project.getArtifactId()));
        result.put(prefix + "version", project.getVersion());
        putIfSet(result, prefix + "description", declared(Model::getDescription));
        putIfSet(result, prefix + "url", declared(Model::getUrl));
        List<License> licenses = declared(m -> m.getLicenses() == null || m.getLicenses().isEmpty() ? null : m.getLicenses());
        if (licenses != null) {
            putIfSet(result, prefix + "licenses", licenses.stream().map(License::getName)
                    .filter(n -> n != null && !n.isBlank()).collect(Collectors.joining(" AND ")));
        }
        putIfSet(result, prefix + "source", declared(m -> m.getScm() == null ? null : m.getScm().getUrl()));
        GitRevision.of(project.getBasedir().toPath()).ifPresent(sha -> result.put(prefix + "revision", sha));
        OutputTimestamp.parse(outputTimestamp).ifPresent(t -> result.put(prefix + "created", t.toString()));
        if (labels != null) {
            labels.forEach((k, v) -> result.put(k, v == null ? "" : v));
        }
        return result;
    }

    /**
     * A POM value as declared by this project or a parent in the same source tree (one found by relativePath),
     * never one inherited from a parent downloaded from a repository: spring-boot-starter-parent's licence, url
     * and scm describe Spring Boot, not the application.
     */
    private <T> T declared(Function<Model, T> field) {
        for (MavenProject p = project; p != null; p = p.getParentFile() != null ? p.getParent() : null) {
            T raw = field.apply(p.getOriginalModel() != null ? p.getOriginalModel() : p.getModel());
            if (raw != null) {
                // The original model is not interpolated; the effective one is, and agrees where the POM declares the value.
                return raw instanceof String text && text.contains("${") ? field.apply(p.getModel()) : raw;
            }
        }
        return null;
    }

    private Path checkedOutputDirectory() throws MojoFailureException {
        Path buildDirectory = Path.of(project.getBuild().getDirectory()).toAbsolutePath().normalize();
        Path out = outputDirectory.toPath().toAbsolutePath().normalize();
        if (!out.startsWith(buildDirectory) || out.equals(buildDirectory)) {
            throw new MojoFailureException("outputDirectory " + out + " is not inside the build directory " + buildDirectory
                    + ": slim only writes below target/ so it can never overwrite files you keep; choose a directory there.");
        }
        return out;
    }

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.strip().replaceAll("\\s+", " "));
        }
    }

}
