package dev.slimimage.plugin;

import java.io.File;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Pushes the image that {@code build} made, with all its tags, and records each manifest digest the registry reports
 * in {@code target/slim/image.json}. Runs in {@code deploy}; {@code mvn package slim:push} works too.
 */
@Mojo(name = "push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class PushMojo extends AbstractSlimMojo {

    /** Skips only the push. */
    @Parameter(property = "slim.push.skip", defaultValue = "false")
    protected boolean pushSkip;

    /** Where build wrote the Dockerfile, the report and image.json. */
    @Parameter(property = "slim.outputDirectory", defaultValue = "${project.build.directory}/slim")
    protected File outputDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (pushSkip) {
            getLog().info("Skipping the push: slim.push.skip is set.");
            return;
        }
        if (skipped()) {
            return;
        }
        pushImage(outputDirectory);
    }
}
