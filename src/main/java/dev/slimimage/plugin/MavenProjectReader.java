package dev.slimimage.plugin;

import dev.slimimage.analysis.ArtifactOrigin;
import dev.slimimage.analysis.Dependency;
import dev.slimimage.analysis.ProjectInput;
import dev.slimimage.plan.GitRevision;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import org.apache.maven.model.PluginExecution;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/** The one place that reads the Maven model: the project's files, dependencies, Java release and OCI labels. */
final class MavenProjectReader {

    private static final Set<String> RUNTIME_SCOPES = Set.of(Artifact.SCOPE_COMPILE, Artifact.SCOPE_RUNTIME);
    private static final String OCI = "org.opencontainers.image.";
    private static final String SHADE_PLUGIN = "org.apache.maven.plugins:maven-shade-plugin";
    private static final String AFTER_SHADE = "declare slim-maven-plugin after maven-shade-plugin in the POM's <plugins>, "
            + "so that it runs after the shade goal in the package phase";
    private static final String QUARKUS_PLUGIN = "quarkus-maven-plugin";

    private final MavenProject project;

    MavenProjectReader(MavenProject project) {
        this.project = project;
    }

    /** The packaged project and its runtime dependencies; no main class, which is the user's setting. */
    ProjectInput projectInput() {
        List<Dependency> deps = new ArrayList<>();
        for (Artifact artifact : project.getArtifacts()) {
            if (RUNTIME_SCOPES.contains(artifact.getScope()) && artifact.getArtifactHandler().isAddedToClasspath()) {
                deps.add(new Dependency(artifact.getGroupId(), artifact.getArtifactId(), artifact.getBaseVersion(),
                        artifact.getFile() == null ? null : artifact.getFile().toPath(), artifact.isSnapshot()));
            }
        }
        Optional<ShadedJar> shaded = shadedJar();
        File artifactFile = project.getArtifact() == null ? null : project.getArtifact().getFile();
        return new ProjectInput(project.getGroupId(), project.getArtifactId(), project.getPackaging(),
                shaded.map(ShadedJar::file).orElse(artifactFile == null ? null : artifactFile.toPath()),
                Path.of(project.getBuild().getOutputDirectory()),
                deps, Optional.empty(), configuredRelease(),
                shaded.map(ShadedJar::origin).orElse(ArtifactOrigin.PROJECT_JAR),
                project.getBuild().getDirectory() == null ? null : Path.of(project.getBuild().getDirectory()),
                declaresQuarkusPlugin());
    }

    record ShadedJar(Path file, ArtifactOrigin origin) {}

    /**
     * The jar a maven-shade-plugin execution writes beside the main artifact instead of replacing it: its
     * {@code outputFile} (Vert.x's starter writes {@code …-fat.jar} there), or with {@code shadedArtifactAttached} the
     * jar attached with {@code shadedClassifierName} (default {@code shaded}). The main artifact then is the thin jar,
     * which has no dependencies and often no Main-Class. Empty when shade replaces the main artifact, or is not used.
     */
    Optional<ShadedJar> shadedJar() {
        Plugin shade = project.getPlugin(SHADE_PLUGIN);
        if (shade == null) {
            return Optional.empty();
        }
        for (PluginExecution execution : shade.getExecutions()) {
            // The effective model has merged the plugin-level configuration into each execution's.
            Xpp3Dom config = (Xpp3Dom) (execution.getConfiguration() != null ? execution.getConfiguration() : shade.getConfiguration());
            if (!execution.getGoals().contains("shade")) {
                continue;
            }
            String outputFile = child(config, "outputFile");
            if (outputFile != null && !outputFile.isBlank()) {
                Path file = project.getBasedir().toPath().resolve(outputFile.strip()).normalize();
                return Optional.of(new ShadedJar(file, new ArtifactOrigin(
                        "the jar maven-shade-plugin writes to its outputFile (execution " + execution.getId() + ")", AFTER_SHADE)));
            }
            if ("true".equalsIgnoreCase(String.valueOf(child(config, "shadedArtifactAttached")).strip())) {
                String classifier = Optional.ofNullable(AbstractSlimMojo.blankToNull(child(config, "shadedClassifierName"))).orElse("shaded");
                return Optional.of(new ShadedJar(attachedJar(config, classifier), new ArtifactOrigin(
                        "the shaded jar maven-shade-plugin attaches with classifier " + classifier + " (execution " + execution.getId()
                        + ")", AFTER_SHADE)));
            }
        }
        return Optional.empty();
    }

    /** The attached artifact once shade has run; before, where shade will write it. */
    private Path attachedJar(Xpp3Dom config, String classifier) {
        for (Artifact attached : project.getAttachedArtifacts()) {
            if (classifier.equals(attached.getClassifier()) && attached.getFile() != null) {
                return attached.getFile().toPath();
            }
        }
        String directory = Optional.ofNullable(AbstractSlimMojo.blankToNull(child(config, "outputDirectory")))
                .orElse(project.getBuild().getDirectory());
        String artifactId = Optional.ofNullable(AbstractSlimMojo.blankToNull(child(config, "shadedArtifactId")))
                .orElse(project.getArtifactId());
        return project.getBasedir().toPath().resolve(directory)
                .resolve(artifactId + "-" + project.getVersion() + "-" + classifier + ".jar").normalize();
    }

    /** Quarkus projects may keep packaging jar; the plugin that builds them tells them apart. */
    boolean declaresQuarkusPlugin() {
        return project.getBuildPlugins().stream().anyMatch(p -> QUARKUS_PLUGIN.equals(p.getArtifactId())
                && (p.getGroupId().equals("io.quarkus") || p.getGroupId().equals("io.quarkus.platform")));
    }

    /**
     * The release the compiler targets, in the compiler's order: its {@code <release>}, the maven.compiler.release
     * property (only the default of {@code <release>}), its {@code <target>} (1.8 style too), maven.compiler.target.
     * A value still holding an unresolved {@code ${...}} is skipped.
     */
    OptionalInt configuredRelease() {
        Plugin compiler = project.getPlugin("org.apache.maven.plugins:maven-compiler-plugin");
        Xpp3Dom config = compiler == null ? null : (Xpp3Dom) compiler.getConfiguration();
        for (String candidate : new String[] {
                child(config, "release"), project.getProperties().getProperty("maven.compiler.release"),
                child(config, "target"), project.getProperties().getProperty("maven.compiler.target")}) {
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

    /**
     * The OCI labels the POM gives: title, version, description, url, licenses, source and revision (git HEAD).
     * Whitespace runs, line breaks included, become one space.
     */
    Map<String, String> ociLabels() {
        Map<String, String> result = new LinkedHashMap<>();
        putIfSet(result, OCI + "title", Optional.ofNullable(AbstractSlimMojo.blankToNull(project.getName()))
                .orElse(project.getArtifactId()));
        putIfSet(result, OCI + "version", project.getVersion());
        putIfSet(result, OCI + "description", declared(Model::getDescription));
        putIfSet(result, OCI + "url", declared(Model::getUrl));
        List<License> licenses = declared(m -> m.getLicenses() == null || m.getLicenses().isEmpty() ? null : m.getLicenses());
        if (licenses != null) {
            putIfSet(result, OCI + "licenses", licenses.stream().map(License::getName)
                    .filter(n -> n != null && !n.isBlank()).collect(Collectors.joining(" AND ")));
        }
        putIfSet(result, OCI + "source", declared(m -> m.getScm() == null ? null : m.getScm().getUrl()));
        GitRevision.of(project.getBasedir().toPath()).ifPresent(sha -> result.put(OCI + "revision", sha));
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

    private static void putIfSet(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value.strip().replaceAll("\\s+", " "));
        }
    }
}
