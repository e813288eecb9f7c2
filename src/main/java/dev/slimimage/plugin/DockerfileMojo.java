package dev.slimimage.plugin;


import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Writes {@code target/slim/Dockerfile} and its build context. Needs no Docker daemon. */
@Mojo(name = "dockerfile", defaultPhase = LifecyclePhase.PACKAGE, requiresDependencyResolution = ResolutionScope.RUNTIME,
        threadSafe = true)
public class DockerfileMojo extends AbstractPlanMojo {

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (!skipped()) {
            stageContext();
        }
    }
}
