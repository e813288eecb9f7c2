package dev.slimimage.plugin;

import dev.slimimage.dockerfile.Dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.testing.TestJar;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Set;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.model.License;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dockerfile goal through the plugin testing harness: parameters are injected from the test POMs under
 * src/test/resources/unit and expressions such as ${project.build.directory} are evaluated against a real
 * {@link MavenProject} that the test provides. Needs no Docker daemon.
 */
@MojoTest
class DockerfileMojoTest {

    private static final String BASIC = "classpath:/unit/basic/pom.xml";
    private static final String FULL = "classpath:/unit/full/pom.xml";

    @TempDir
    Path tmp;

    private MavenProject project;
    private Path basedir;
    private Path jar;

    /** Called by the harness while it sets up the container, before any @BeforeEach; @TempDir is set by then. */
    @Provides
    MavenProject project() {
        if (project == null) {
            createProject();
        }
        return project;
    }

    private void createProject() {
        basedir = tmp.resolve("demo");
        jar = basedir.resolve("target/demo-1.0.jar");
        project = new MavenProject();
        project.setGroupId("com.example");
        project.setArtifactId("demo");
        project.setVersion("1.0");
        project.setPackaging("jar");
        project.setName("Demo");
        project.setDescription("Costs $5 a month");
        License license = new License();
        license.setName("Apache-2.0");
        project.getLicenses().add(license);
        project.setFile(basedir.resolve("pom.xml").toFile());
        project.getBuild().setDirectory(basedir.resolve("target").toString());
        project.getBuild().setOutputDirectory(basedir.resolve("target/classes").toString());
        project.getProperties().setProperty("maven.compiler.release", "17");
        project.getProperties().setProperty("project.build.outputTimestamp", "2024-01-01T00:00:00Z");
        DefaultArtifact artifact = new DefaultArtifact("com.example", "demo", "1.0", null, "jar", null, handler());
        artifact.setFile(jar.toFile());
        project.setArtifact(artifact);
        project.setArtifacts(Set.of());
    }


    private static DefaultArtifactHandler handler() {
        DefaultArtifactHandler handler = new DefaultArtifactHandler("jar");
        handler.setAddedToClasspath(true);
        return handler;
    }

    /** Packages the project as mvn package would: target/classes and the jar. */
    private void packageJar() throws IOException {
        TestJar app = TestJar.create().manifest("Main-Class", "com.example.demo.Main").mainClass("com.example.demo.Main", 17);
        app.extractTo(basedir.resolve("target/classes"));
        app.writeTo(jar);
    }

    private Path dependency(String groupId, String artifactId, String version, String scope) throws IOException {
        Path file = TestJar.create().clazz(groupId + ".Lib", 8).writeTo(tmp.resolve("repo").resolve(artifactId + "-" + version + ".jar"));
        DefaultArtifact artifact = new DefaultArtifact(groupId, artifactId, version, scope, "jar", null, handler());
        artifact.setFile(file.toFile());
        Set<Artifact> artifacts = new java.util.LinkedHashSet<>(project.getArtifacts());
        artifacts.add(artifact);
        project.setArtifacts(artifacts);
        return file;
    }

    private Path slim() {
        return basedir.resolve("target/slim");
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    void theMojoSeesTheProjectThisTestProvides(DockerfileMojo mojo) {
        // Every other test changes this project to shape what the goal sees.
        assertThat(mojo.project).isSameAs(project).isNotNull();
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    @MojoParameter(name = "skip", value = "true")
    void skipDoesNothing(DockerfileMojo mojo) throws Exception {
        // nothing is packaged: the goal would fail if it did any work
        mojo.execute();

        assertThat(slim()).doesNotExist();
        assertThat(tmp.resolve("demo")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    void pomPackagingIsSkipped(DockerfileMojo mojo) throws Exception {
        project.setPackaging("pom");

        mojo.execute();

        assertThat(slim()).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    @MojoParameter(name = "runtime", value = "alpine")
    void invalidRuntimeFailsNamingTheValidValues(DockerfileMojo mojo) throws Exception {
        packageJar();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("alpine")
                .hasMessageContaining("jre")
                .hasMessageContaining("distroless");
        assertThat(slim()).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    @MojoParameter(name = "servletContainerImage", value = "registry.example.com/web/tomcat:10.1")
    void warPackagingDeploysTheWarOnTheConfiguredServletContainer(DockerfileMojo mojo) throws Exception {
        project.setPackaging("war");
        TestJar.create().entry("WEB-INF/web.xml", "<web-app/>").entry("index.jsp", "hi").writeTo(jar);

        mojo.execute();

        String dockerfile = Files.readString(slim().resolve("Dockerfile"));
        assertThat(dockerfile).contains("FROM registry.example.com/web/tomcat:10.1\n")
                .contains("COPY --chown=65532 layers/servlet-container-writable/ /usr/local/tomcat/\n")
                .contains("EXPOSE 8080\n");
        assertThat(slim().resolve("layers/resources/usr/local/tomcat/webapps/ROOT/index.jsp")).hasContent("hi");
        assertThat(slim().resolve("layers/servlet-container-writable/work")).isDirectory().isEmptyDirectory();
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    void defaultsWriteAJreDockerfileUnderTargetSlim(DockerfileMojo mojo) throws Exception {
        packageJar();
        Path guava = dependency("com.google.guava", "guava", "33.0.0-jre", Artifact.SCOPE_COMPILE);
        dependency("org.junit.jupiter", "junit-jupiter-api", "5.10.0", Artifact.SCOPE_TEST);
        dependency("jakarta.servlet", "jakarta.servlet-api", "6.0.0", Artifact.SCOPE_PROVIDED);

        mojo.execute();

        String dockerfile = Files.readString(slim().resolve("Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre\n")
                .contains("USER 65532\n")
                .contains("ENTRYPOINT [\"java\", \"-XX:MaxRAMPercentage=75\", \"-cp\", \"/app/classes:/app/lib/*\", \"com.example.demo.Main\"]")
                .contains("org.opencontainers.image.title=\"Demo\"")
                .contains("org.opencontainers.image.version=\"1.0\"")
                .contains("org.opencontainers.image.licenses=\"Apache-2.0\"")
                .contains("org.opencontainers.image.description=\"Costs \\$5 a month\"")
                .contains("org.opencontainers.image.created=\"2024-01-01T00:00:00Z\"")
                .doesNotContain("EXPOSE");
        // runtime-scoped dependencies only
        try (var libs = Files.list(slim().resolve("layers/dependencies/app/lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString())).containsExactly("guava-33.0.0-jre.jar");
        }
        assertThat(slim().resolve("layers/dependencies/app/lib/guava-33.0.0-jre.jar")).hasSameBinaryContentAs(guava);
        // the project's outputTimestamp is every staged file's time
        assertThat(Files.getLastModifiedTime(slim().resolve("layers/classes/app/classes/com/example/demo/Main.class")))
                .isEqualTo(FileTime.from(Instant.parse("2024-01-01T00:00:00Z")));
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = FULL)
    void configuredRuntimePortsFlagsUserAndLabelsReachTheDockerfile(DockerfileMojo mojo) throws Exception {
        packageJar();

        mojo.execute();

        String dockerfile = Files.readString(slim().resolve("Dockerfile"));
        assertThat(dockerfile).contains("FROM gcr.io/distroless/java17-debian12\n")
                .contains("EXPOSE 8080\nEXPOSE 8125/udp\n")
                .contains("USER 1000:1000\n")
                .contains("ENTRYPOINT [\"java\", \"-Xmx256m\", \"-Dfile.encoding=UTF-8\", \"-cp\", \"/app/classes\", \"com.example.demo.Main\"]")
                .contains("com.example.team=\"payments\"")
                .contains("org.opencontainers.image.title=\"Overridden title\"")
                .doesNotContain("MaxRAMPercentage");
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    @MojoParameter(name = "runtimeImage", value = "registry.example.com/base/jre:21")
    @MojoParameter(name = "mainClass", value = "com.example.demo.Other")
    void explicitRuntimeImageAndMainClassAreUsed(DockerfileMojo mojo) throws Exception {
        packageJar();

        mojo.execute();

        String dockerfile = Files.readString(slim().resolve("Dockerfile"));
        assertThat(dockerfile).contains("FROM registry.example.com/base/jre:21\n")
                .contains("\"com.example.demo.Other\"]");
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    @MojoParameter(name = "ports", value = "99999")
    void invalidPortFails(DockerfileMojo mojo) throws Exception {
        packageJar();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("'99999'")
                .hasMessageContaining("65535");
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    @MojoParameter(name = "user", value = "bad user")
    void invalidUserFails(DockerfileMojo mojo) throws Exception {
        packageJar();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("'bad user'");
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    @MojoParameter(name = "runtimeImage", value = "Not An Image")
    void invalidRuntimeImageFailsNamingTheParameter(DockerfileMojo mojo) throws Exception {
        packageJar();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("runtimeImage")
                .hasMessageContaining("Not An Image");
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    @MojoParameter(name = "outputDirectory", value = "${project.basedir}/docker")
    void outputDirectoryOutsideTheBuildDirectoryIsRefused(DockerfileMojo mojo) throws Exception {
        packageJar();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("not inside the build directory");
        assertThat(basedir.resolve("docker")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    @MojoParameter(name = "outputTimestamp", value = "yesterday") // as ${project.build.outputTimestamp} would give it
    void badOutputTimestampFailsWithTheValue(DockerfileMojo mojo) throws Exception {
        packageJar();

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("yesterday");
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    void missingJarFailsSayingToRunPackage(DockerfileMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class).hasMessageContaining("mvn package");
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    void outputDirectoryDefaultsToTargetSlim(DockerfileMojo mojo) throws Exception {
        assertThat(mojo.outputDirectory).isEqualTo(new File(basedir.resolve("target").toString(), "slim"));
        assertThat(mojo.runtime).isEqualTo("jre");
        assertThat(mojo.user).isEqualTo("65532");
        assertThat(mojo.skip).isFalse();
    }

    private void configureCompiler(String name, String value) {
        Plugin compiler = new Plugin();
        compiler.setGroupId("org.apache.maven.plugins");
        compiler.setArtifactId("maven-compiler-plugin");
        Xpp3Dom configuration = new Xpp3Dom("configuration");
        Xpp3Dom child = new Xpp3Dom(name);
        child.setValue(value);
        configuration.addChild(child);
        compiler.setConfiguration(configuration);
        project.getBuild().addPlugin(compiler);
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    void compilerPluginReleaseChoosesTheJavaImage(DockerfileMojo mojo) throws Exception {
        packageJar(); // classes are Java 17
        project.getProperties().remove("maven.compiler.release");
        configureCompiler("release", "21");

        mojo.execute();

        assertThat(Files.readString(slim().resolve("Dockerfile"))).contains("FROM eclipse-temurin:21-jre\n");
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    void oldStyleCompilerTargetChoosesTheJavaImage(DockerfileMojo mojo) throws Exception {
        packageJar();
        project.getProperties().remove("maven.compiler.release");
        project.getProperties().setProperty("maven.compiler.target", "1.8");

        mojo.execute();

        assertThat(Files.readString(slim().resolve("Dockerfile"))).contains("FROM eclipse-temurin:8-jre\n");
    }

    @Test
    @InjectMojo(goal = "dockerfile", pom = BASIC)
    void unresolvedReleasePropertyFallsBackToTheClassFiles(DockerfileMojo mojo) throws Exception {
        packageJar(); // classes are Java 17
        project.getProperties().setProperty("maven.compiler.release", "${java.version.of.team}");

        mojo.execute();

        assertThat(Files.readString(slim().resolve("Dockerfile"))).contains("FROM eclipse-temurin:17-jre\n")
                .contains("highest class-file version");
    }
}
