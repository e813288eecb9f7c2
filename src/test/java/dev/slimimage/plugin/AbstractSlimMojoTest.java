package dev.slimimage.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.docker.DaemonUnavailableException;
import dev.slimimage.docker.ImageBuildException;
import java.io.IOException;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.DefaultMavenExecutionResult;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

class AbstractSlimMojoTest {

    private static final class Goal extends AbstractSlimMojo {
        @Override
        public void execute() {
        }
    }

    @Test
    void blankToNullStripsValues() {
        assertThat(AbstractSlimMojo.blankToNull(null)).isNull();
        assertThat(AbstractSlimMojo.blankToNull("  ")).isNull();
        assertThat(AbstractSlimMojo.blankToNull(" com.example.Main ")).isEqualTo("com.example.Main");
    }

    @Test
    @SuppressWarnings("deprecation")
    void inAParallelReactorTheDaemonsLinesNameTheModule() {
        Goal goal = new Goal();
        goal.project = new MavenProject();
        goal.project.setArtifactId("orders");
        goal.session = new MavenSession(null, null, new DefaultMavenExecutionRequest(), new DefaultMavenExecutionResult());

        assertThat(goal.buildOutputPrefix()).isEqualTo("[docker] ");
        goal.session.setParallel(true);
        assertThat(goal.buildOutputPrefix()).isEqualTo("[docker orders] ");
    }

    @Test
    void failuresCarryTheSentenceButNotTheLibraryExceptionBehindIt() {
        Goal goal = new Goal();
        IOException library = new IOException("Premature end of chunk coded message body");

        MojoExecutionException dead = goal.environmentProblem(new DaemonUnavailableException("The Docker daemon at unix:///x stopped "
                + "answering while building the image: check that it is running.", library));
        assertThat(dead).hasMessageContaining("stopped answering").hasNoCause();

        try {
            goal.rethrow(new ImageBuildException("The image build failed at Step 2/9 : RUN false (exit code 1)"));
            throw new AssertionError("a failed step is the user's problem");
        } catch (MojoFailureException expected) {
            assertThat(expected).hasMessageStartingWith("The image build failed").hasNoCause();
        }
    }

    /** Keeps warnings and errors; the rest of Maven's Log is quiet. */
    private static final class WarningLog extends org.apache.maven.monitor.logging.DefaultLog {
        final java.util.List<String> warnings = new java.util.ArrayList<>();

        WarningLog() {
            super(new org.codehaus.plexus.logging.console.ConsoleLogger(org.codehaus.plexus.logging.Logger.LEVEL_DISABLED, "test"));
        }

        @Override
        public void warn(CharSequence content) {
            warnings.add(content.toString());
        }
    }

    @SuppressWarnings("deprecation")
    private static Goal goalWith(java.util.Properties userProperties, org.eclipse.aether.RepositorySystemSession repositorySession) {
        Goal goal = new Goal();
        goal.project = new MavenProject();
        DefaultMavenExecutionRequest request = new DefaultMavenExecutionRequest();
        request.setUserProperties(userProperties);
        goal.session = new MavenSession(null, repositorySession, request, new DefaultMavenExecutionResult());
        goal.mojoExecution = new org.apache.maven.plugin.MojoExecution(ownDescriptor().getMojo("build"));
        return goal;
    }

    /** The plugin's descriptor as Maven reads it from the jar (maven-plugin-plugin wrote it into target/classes). */
    private static org.apache.maven.plugin.descriptor.PluginDescriptor ownDescriptor() {
        try (java.io.InputStream in = AbstractSlimMojoTest.class.getClassLoader().getResourceAsStream("META-INF/maven/plugin.xml")) {
            return new org.apache.maven.plugin.descriptor.PluginDescriptorBuilder()
                    .build(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the plugin's own descriptor", e);
        }
    }

    @Test
    void aMisspeltPropertyIsWarnedAboutOncePerBuildAcrossGoalsAndModules() {
        java.util.Properties user = new java.util.Properties();
        user.setProperty("slim.verifyHttpPath", "/");
        user.setProperty("slim.image", "app:1");
        org.eclipse.aether.DefaultRepositorySystemSession build = new org.eclipse.aether.DefaultRepositorySystemSession();
        WarningLog log = new WarningLog();
        for (int execution = 0; execution < 3; execution++) {
            Goal goal = goalWith(user, build);
            goal.setLog(log);
            assertThat(goal.skipped()).isFalse();
        }

        assertThat(log.warnings).containsExactly("The property slim.verifyHttpPath is not read by slim-maven-plugin and has no "
                + "effect; did you mean slim.verify.httpPath?");

        WarningLog nextBuild = new WarningLog();
        Goal goal = goalWith(user, new org.eclipse.aether.DefaultRepositorySystemSession());
        goal.setLog(nextBuild);
        goal.skipped();
        assertThat(nextBuild.warnings).hasSize(1);
    }

    private static Goal goalConfigured(String configuration, java.util.Properties userProperties) throws Exception {
        Goal goal = goalWith(userProperties, new org.eclipse.aether.DefaultRepositorySystemSession());
        goal.mojoExecution = new org.apache.maven.plugin.MojoExecution(new org.apache.maven.plugin.descriptor.MojoDescriptor(),
                org.codehaus.plexus.util.xml.Xpp3DomBuilder.build(new java.io.StringReader("<configuration>" + configuration
                        + "</configuration>")));
        return goal;
    }

    @Test
    void aWordListGivenAsOnePropertyIsSplitLikeJavaOptsNotOnCommas() throws Exception {
        java.util.Properties user = new java.util.Properties();
        user.setProperty("slim.jvmFlags", "-Xss1m -Dlist=a,b '-Dname=x y'");
        Goal goal = goalConfigured("<jvmFlags>${slim.jvmFlags}</jvmFlags>", user);

        assertThat(PropertyWords.of(java.util.List.of("-Xss1m -Dlist=a", "b '-Dname=x y'"), goal.session, goal.mojoExecution,
                "jvmFlags", "slim.jvmFlags"))
                .containsExactly("-Xss1m", "-Dlist=a,b", "-Dname=x y");
    }

    @Test
    void aWordListWrittenAsElementsIsTakenAsItIs() throws Exception {
        Goal goal = goalConfigured("<jvmFlags><jvmFlag>-Dgreeting=hello world</jvmFlag><jvmFlag>-Dl=a,b</jvmFlag></jvmFlags>",
                new java.util.Properties());
        java.util.List<String> injected = java.util.List.of("-Dgreeting=hello world", "-Dl=a,b");

        assertThat(PropertyWords.of(injected, goal.session, goal.mojoExecution, "jvmFlags", "slim.jvmFlags")).isSameAs(injected);
    }

    @Test
    void aWordListWithAnUnclosedQuoteFailsWithTheReason() throws Exception {
        java.util.Properties user = new java.util.Properties();
        user.setProperty("slim.verify.args", "run \"x");
        Goal goal = goalConfigured("<verifyArgs>${slim.verify.args}</verifyArgs>", user);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PropertyWords.of(java.util.List.of("run \"x"), goal.session,
                        goal.mojoExecution, "verifyArgs", "slim.verify.args"))
                .isInstanceOf(dev.slimimage.plan.ConfigurationException.class)
                .hasMessageStartingWith("The value of verifyArgs (slim.verify.args) opens a double quote it does not close");
    }
}
