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
}
