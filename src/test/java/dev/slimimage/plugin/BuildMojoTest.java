package dev.slimimage.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.testing.TestJar;
import java.nio.file.Path;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build goal's parameter checks, which all run before it stages anything or contacts a daemon: these tests
 * pass without Docker, and check that nothing was staged.
 */
@MojoTest
class BuildMojoTest {

    private static final String BASIC = "classpath:/unit/basic/pom.xml";

    @TempDir
    Path tmp;

    private MavenProject project;

    @Provides
    MavenProject project() throws Exception {
        if (project == null) {
            Path basedir = tmp.resolve("demo");
            Path jar = basedir.resolve("target/demo-1.0.jar");
            TestJar app = TestJar.create().manifest("Main-Class", "com.example.Main").mainClass("com.example.Main", 17);
            app.extractTo(basedir.resolve("target/classes"));
            app.writeTo(jar);
            project = new MavenProject();
            project.setGroupId("com.example");
            project.setArtifactId("demo");
            project.setVersion("1.0-SNAPSHOT");
            project.setPackaging("jar");
            project.setFile(basedir.resolve("pom.xml").toFile());
            project.getBuild().setDirectory(basedir.resolve("target").toString());
            project.getBuild().setOutputDirectory(basedir.resolve("target/classes").toString());
            DefaultArtifact artifact = new DefaultArtifact("com.example", "demo", "1.0-SNAPSHOT", null, "jar", null,
                    new DefaultArtifactHandler("jar"));
            artifact.setFile(jar.toFile());
            project.setArtifact(artifact);
        }
        return project;
    }

    private Path slim() {
        return tmp.resolve("demo/target/slim");
    }

    @Test
    @InjectMojo(goal = "build", pom = BASIC)
    void imageDefaultsToArtifactIdAndVersion(BuildMojo mojo) {
        assertThat(mojo.image).isEqualTo("demo:1.0-SNAPSHOT");
        assertThat(mojo.pull).isEqualTo("missing");
        assertThat(mojo.noCache).isFalse();
    }

    @Test
    @InjectMojo(goal = "build", pom = BASIC)
    @MojoParameter(name = "skip", value = "true")
    @MojoParameter(name = "image", value = "Not Valid")
    void skipDoesNothingNotEvenValidate(BuildMojo mojo) throws Exception {
        mojo.execute();

        assertThat(slim()).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "build", pom = BASIC)
    @MojoParameter(name = "image", value = "My App:1")
    void invalidImageFailsBeforeAnyWork(BuildMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("slim.image")
                .hasMessageContaining("'My App:1'");
        assertThat(slim()).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "build", pom = BASIC)
    @MojoParameter(name = "tags", value = "-latest")
    void invalidTagFailsBeforeAnyWork(BuildMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("'-latest'");
        assertThat(slim()).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "build", pom = BASIC)
    @MojoParameter(name = "pull", value = "sometimes")
    void invalidPullPolicyNamesTheValidOnes(BuildMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class)
                .hasMessageContaining("sometimes")
                .hasMessageContaining("missing, always or never");
        assertThat(slim()).doesNotExist();
    }
}
