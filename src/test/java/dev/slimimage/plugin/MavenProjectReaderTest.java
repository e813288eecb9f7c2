package dev.slimimage.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.License;
import org.apache.maven.model.Model;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.Scm;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Maven model read without the plugin harness: a MavenProject built in the test is all the reader needs. */
class MavenProjectReaderTest {

    private static final String OCI = "org.opencontainers.image.";

    @TempDir
    Path tmp;

    private MavenProject project;

    @BeforeEach
    void createProject() {
        Model model = new Model();
        model.setGroupId("com.example");
        model.setArtifactId("demo");
        model.setVersion("1.0");
        model.setBuild(new org.apache.maven.model.Build());
        model.getBuild().setOutputDirectory(tmp.resolve("demo/target/classes").toString());
        project = new MavenProject(model);
        project.setFile(tmp.resolve("demo/pom.xml").toFile());
        project.setArtifacts(Set.of());
    }

    private MavenProjectReader reader() {
        return new MavenProjectReader(project);
    }

    @ParameterizedTest
    @CsvSource({"io.quarkus, quarkus-maven-plugin, true", "io.quarkus.platform, quarkus-maven-plugin, true",
            "com.example, quarkus-maven-plugin, false", "io.quarkus, quarkus-extension-maven-plugin, false"})
    void aQuarkusBuildIsTheOneQuarkusPluginDeclared(String groupId, String artifactId, boolean quarkus) {
        Plugin plugin = new Plugin();
        plugin.setGroupId(groupId);
        plugin.setArtifactId(artifactId);
        project.getBuild().addPlugin(plugin);
        project.getBuild().setDirectory(tmp.resolve("demo/target").toString());

        var input = reader().projectInput();

        assertThat(input.quarkusBuild()).isEqualTo(quarkus);
        assertThat(input.buildDirectory()).isEqualTo(tmp.resolve("demo/target"));
    }

    private void addArtifact(String artifactId, String scope, boolean onClasspath) {
        DefaultArtifactHandler handler = new DefaultArtifactHandler("jar");
        handler.setAddedToClasspath(onClasspath);
        DefaultArtifact artifact = new DefaultArtifact("org.example", artifactId, "1.0", scope, "jar", null, handler);
        artifact.setFile(tmp.resolve("repo/" + artifactId + "-1.0.jar").toFile());
        Set<Artifact> artifacts = new LinkedHashSet<>(project.getArtifacts());
        artifacts.add(artifact);
        project.setArtifacts(artifacts);
    }

    /** Adds to the compiler plugin's configuration; not through getPlugin, whose map would not see a plugin added later. */
    private void configureCompiler(String name, String value) {
        Plugin compiler = project.getBuildPlugins().stream().filter(p -> p.getArtifactId().equals("maven-compiler-plugin"))
                .findFirst().orElse(null);
        if (compiler == null) {
            compiler = new Plugin();
            compiler.setGroupId("org.apache.maven.plugins");
            compiler.setArtifactId("maven-compiler-plugin");
            compiler.setConfiguration(new Xpp3Dom("configuration"));
            project.getBuild().addPlugin(compiler);
        }
        Xpp3Dom child = new Xpp3Dom(name);
        child.setValue(value);
        ((Xpp3Dom) compiler.getConfiguration()).addChild(child);
    }

    /** A maven-shade-plugin execution with the given configuration, as the effective model holds it. */
    private void shadeExecution(String id, String... settings) {
        Plugin shade = new Plugin();
        shade.setGroupId("org.apache.maven.plugins");
        shade.setArtifactId("maven-shade-plugin");
        org.apache.maven.model.PluginExecution execution = new org.apache.maven.model.PluginExecution();
        execution.setId(id);
        execution.addGoal("shade");
        Xpp3Dom config = new Xpp3Dom("configuration");
        for (int i = 0; i < settings.length; i += 2) {
            Xpp3Dom child = new Xpp3Dom(settings[i]);
            child.setValue(settings[i + 1]);
            config.addChild(child);
        }
        execution.setConfiguration(config);
        shade.addExecution(execution);
        project.getBuild().addPlugin(shade);
    }

    private void mainArtifact() {
        DefaultArtifact own = new DefaultArtifact("com.example", "demo", "1.0", null, "jar", null, new DefaultArtifactHandler("jar"));
        own.setFile(tmp.resolve("demo/target/demo-1.0.jar").toFile());
        project.setArtifact(own);
        project.getBuild().setDirectory(tmp.resolve("demo/target").toString());
    }

    @Test
    void theShadePluginsOutputFileIsTheJarTheImageIsMadeFrom() {
        mainArtifact();
        shadeExecution("fat", "outputFile", "target/demo-1.0-fat.jar");

        var input = reader().projectInput();

        assertThat(input.artifactFile()).isEqualTo(tmp.resolve("demo/target/demo-1.0-fat.jar"));
        assertThat(input.artifactOrigin().description())
                .isEqualTo("the jar maven-shade-plugin writes to its outputFile (execution fat)");
        assertThat(input.artifactOrigin().whenMissing()).contains("after maven-shade-plugin");
    }

    @Test
    void anAttachedShadedJarIsFoundByItsClassifierOnceAttachedAndWhereShadeWritesItBefore() {
        mainArtifact();
        shadeExecution("default", "shadedArtifactAttached", "true", "shadedClassifierName", "all");

        assertThat(reader().projectInput().artifactFile()).isEqualTo(tmp.resolve("demo/target/demo-1.0-all.jar"));

        DefaultArtifact attached = new DefaultArtifact("com.example", "demo", "1.0", null, "jar", "all",
                new DefaultArtifactHandler("jar"));
        attached.setFile(tmp.resolve("elsewhere/demo-all.jar").toFile());
        project.addAttachedArtifact(attached);

        var input = reader().projectInput();
        assertThat(input.artifactFile()).isEqualTo(tmp.resolve("elsewhere/demo-all.jar"));
        assertThat(input.artifactOrigin().description())
                .isEqualTo("the shaded jar maven-shade-plugin attaches with classifier all (execution default)");
    }

    @Test
    void theAttachedShadedJarsClassifierDefaultsToShaded() {
        mainArtifact();
        shadeExecution("default", "shadedArtifactAttached", "true");

        assertThat(reader().projectInput().artifactFile()).isEqualTo(tmp.resolve("demo/target/demo-1.0-shaded.jar"));
    }

    @Test
    void aShadeThatReplacesTheMainArtifactLeavesTheMainArtifact() {
        mainArtifact();
        shadeExecution("default", "createDependencyReducedPom", "false");

        var input = reader().projectInput();

        assertThat(input.artifactFile()).isEqualTo(tmp.resolve("demo/target/demo-1.0.jar"));
        assertThat(input.artifactOrigin()).isEqualTo(dev.slimimage.analysis.ArtifactOrigin.PROJECT_JAR);
    }

    @Test
    void projectInputHoldsTheFilesAndOnlyTheRuntimeDependenciesOnTheClassPath() {
        DefaultArtifact own = new DefaultArtifact("com.example", "demo", "1.0", null, "jar", null, new DefaultArtifactHandler("jar"));
        own.setFile(tmp.resolve("demo/target/demo-1.0.jar").toFile());
        project.setArtifact(own);
        addArtifact("compiled", Artifact.SCOPE_COMPILE, true);
        addArtifact("runtime", Artifact.SCOPE_RUNTIME, true);
        addArtifact("provided", Artifact.SCOPE_PROVIDED, true);
        addArtifact("test", Artifact.SCOPE_TEST, true);
        addArtifact("pom-only", Artifact.SCOPE_COMPILE, false);

        var input = reader().projectInput();

        assertThat(input.artifactFile()).isEqualTo(tmp.resolve("demo/target/demo-1.0.jar"));
        assertThat(input.classesDirectory()).isEqualTo(tmp.resolve("demo/target/classes"));
        assertThat(input.runtimeDependencies()).extracting(d -> d.artifactId()).containsExactly("compiled", "runtime");
        assertThat(input.configuredMainClass()).as("the main class is a setting, not part of the model").isEmpty();
    }

    @Test
    void noReleaseConfigured() {
        assertThat(reader().configuredRelease()).isEmpty();
    }

    @Test
    void releaseFromTheCompilerPlugin() {
        configureCompiler("target", "1.8");
        configureCompiler("release", "11");

        assertThat(reader().configuredRelease()).hasValue(11);
    }

    @Test
    void oldStyleTargetFromTheCompilerPlugin() {
        configureCompiler("target", "1.8");

        assertThat(reader().configuredRelease()).hasValue(8);
    }

    /** As the compiler decides: its explicit configuration wins over the property that is only its default. */
    @ParameterizedTest(name = "plugin release {0}, property release {1}, plugin target {2}, property target {3}: Java {4}")
    @CsvSource(nullValues = "-", value = {
            "21, 17, -, -, 21",
            "${java.release}, 17, -, -, 17",
            "-, 17, 11, -, 17",
            "-, 17, -, 11, 17",
            "-, ${x}, 11, 1.8, 11",
            "-, -, -, 1.8, 8",
            "${a}, ${b}, ${c}, ${d}, -1"})
    void releaseComesFirstFromThePluginsReleaseThenThePropertyThenThePluginsTargetThenTheProperty(
            String pluginRelease, String propertyRelease, String pluginTarget, String propertyTarget, int expected) {
        if (pluginRelease != null) {
            configureCompiler("release", pluginRelease);
        }
        if (pluginTarget != null) {
            configureCompiler("target", pluginTarget);
        }
        if (propertyRelease != null) {
            project.getProperties().setProperty("maven.compiler.release", propertyRelease);
        }
        if (propertyTarget != null) {
            project.getProperties().setProperty("maven.compiler.target", propertyTarget);
        }

        OptionalInt release = reader().configuredRelease();

        assertThat(release.isPresent() ? release.getAsInt() : -1).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"17, 17", "21, 21", "' 11 ', 11", "1.8, 8", "1.7, 7", "8, 8"})
    void parseReleaseReadsModernAndOneDotStyleVersions(String value, int expected) {
        assertThat(MavenProjectReader.parseRelease(value)).hasValue(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "${x}", "${maven.compiler.release}", "seventeen", "17-ea"})
    void parseReleaseIgnoresUnsetUnresolvedOrUnreadableValues(String value) {
        assertThat(MavenProjectReader.parseRelease(value)).isEmpty();
    }

    @Test
    void ociLabelsComeFromThePom() {
        project.setName("Demo\n    service");
        project.setDescription("  Says hello\n\tto everyone  ");
        project.setUrl("https://example.com/demo");
        License apache = new License();
        apache.setName("Apache-2.0");
        License mit = new License();
        mit.setName("MIT");
        project.getModel().setLicenses(List.of(apache, mit));
        Scm scm = new Scm();
        scm.setUrl("https://git.example.com/demo");
        project.getModel().setScm(scm);

        assertThat(reader().ociLabels()).containsOnly(
                entry(OCI + "title", "Demo service"),
                entry(OCI + "version", "1.0"),
                entry(OCI + "description", "Says hello to everyone"),
                entry(OCI + "url", "https://example.com/demo"),
                entry(OCI + "licenses", "Apache-2.0 AND MIT"),
                entry(OCI + "source", "https://git.example.com/demo"));
    }

    @Test
    void titleFallsBackToTheArtifactId() {
        assertThat(reader().ociLabels()).containsOnly(entry(OCI + "title", "demo"), entry(OCI + "version", "1.0"));
    }

    @Test
    void valuesComeFromAParentInTheSourceTreeButNotFromADownloadedOne() {
        MavenProject downloaded = new MavenProject();
        downloaded.setDescription("Parent pom providing dependency and plugin management");
        downloaded.setUrl("https://spring.io/projects/spring-boot");
        MavenProject local = new MavenProject();
        local.setUrl("https://example.com/platform");
        local.setParent(downloaded);
        project.setParent(local);
        project.setParentFile(tmp.resolve("pom.xml").toFile());

        assertThat(reader().ociLabels()).contains(entry(OCI + "url", "https://example.com/platform"))
                .doesNotContainKey(OCI + "description");
    }

    @Test
    void anUninterpolatedValueIsTakenFromTheEffectiveModel() {
        Model original = project.getModel().clone();
        original.setUrl("https://example.com/${project.artifactId}");
        project.setOriginalModel(original);
        project.setUrl("https://example.com/demo");

        assertThat(reader().ociLabels()).contains(entry(OCI + "url", "https://example.com/demo"));
    }
}
