package dev.slimimage.plugin;

import dev.slimimage.analysis.AnalysisException;
import dev.slimimage.context.StagingException;
import dev.slimimage.pipeline.SlimImageBuilder;
import dev.slimimage.pipeline.StagedContext;
import dev.slimimage.plan.ConfigurationException;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.OutputDirectory;
import dev.slimimage.plan.PlanFactory;
import dev.slimimage.plan.PlanRequest;
import dev.slimimage.plan.PlanSummary;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters of the goals that analyse the project. Maps them to a {@link PlanRequest} and leaves reading the
 * project to {@link MavenProjectReader} and checking to {@link PlanFactory}. Holds no state beyond its parameters.
 */
abstract class AbstractPlanMojo extends AbstractSlimMojo {

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

    /** A war's servlet container: a Tomcat image laid out like the official ones; default {@code tomcat:10.1-jre<release>}. */
    @Parameter(property = "slim.servletContainerImage")
    protected String servletContainerImage;

    /** The user the container runs as. */
    @Parameter(property = "slim.user", defaultValue = PlanFactory.DEFAULT_USER)
    protected String user;

    /**
     * JVM flags; {@code -XX:MaxRAMPercentage=75} is added unless these set the heap size themselves. Given as one text
     * ({@code -Dslim.jvmFlags="-Xss1m -Dlist=a,b"}), it is split into words as a shell splits {@code JAVA_OPTS}.
     */
    @Parameter(property = "slim.jvmFlags")
    protected List<String> jvmFlags;

    /**
     * The program arguments the image passes to {@code main} by default (an exec-form CMD): {@code docker run IMAGE x y}
     * replaces them, and {@code slim:verify} runs with them unless verifyArgs are given. As a property or a POM text,
     * split into words as a shell would (quotes kept together, commas are ordinary characters).
     */
    @Parameter(property = "slim.args")
    protected List<String> args;

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

    /**
     * jlink: whether the linked runtime carries the JDK's default CDS archive ({@code --generate-cds-archive}, JDK 17+),
     * so it starts as fast as a full JDK; {@code false} saves its bytes.
     */
    @Parameter(property = "slim.jlink.cdsArchive", defaultValue = "true")
    protected boolean jlinkCdsArchive;

    /**
     * A cache of the application's classes trained while the image builds: {@code none}, {@code auto} (an AOT cache on
     * Java 25+, dynamic AppCDS on 17-24), {@code cds} or {@code aot}.
     */
    @Parameter(property = "slim.startupCache", defaultValue = "none")
    protected String startupCache;

    /** The program arguments of the startup cache's training run: a run that starts the application and exits. */
    @Parameter(property = "slim.startupCache.trainingArgs")
    protected List<String> trainingArgs;

    /** JVM flags of the startup cache's training run only, after the image's own. */
    @Parameter(property = "slim.startupCache.trainingJvmFlags")
    protected List<String> trainingJvmFlags;

    /** Results kept between builds, such as the module analysis; survives until mvn clean. */
    @Parameter(defaultValue = "${project.build.directory}/slim-cache", readonly = true)
    protected File cacheDirectory;

    protected StagedContext stageContext() throws MojoExecutionException, MojoFailureException {
        ImagePlan plan = plan();
        Path contextDirectory = checkedOutputDirectory();
        try {
            StagedContext staged = SlimImageBuilder.stage(plan, contextDirectory, cacheDirectory(),
                    new MavenBuildLog(getLog(), "", ignored -> { }));
            logStaged(staged);
            return staged;
        } catch (StagingException e) {
            throw userProblem(e);
        } catch (IOException e) {
            throw environmentProblem(e);
        }
    }

    /** Logs what the staging wrote. */
    protected void logStaged(StagedContext staged) {
        // The context directory is a real path: relative to the real project directory it reads target/slim/Dockerfile.
        Path dockerfile = realBasedir().relativize(staged.dockerfilePath());
        PlanSummary summary = new PlanSummary(staged.plan(), dockerfile, staged.modules());
        summary.lines().forEach(getLog()::info);
        summary.warnings().forEach(getLog()::warn);
    }

    /** A file under the project as a relative path, e.g. target/slim/report.html. */
    protected String shown(Path file) {
        Path basedir = realBasedir();
        return file.startsWith(basedir) ? basedir.relativize(file).toString() : file.toString();
    }

    private Path realBasedir() {
        try {
            return project.getBasedir().toPath().toRealPath();
        } catch (IOException e) {
            return project.getBasedir().toPath().toAbsolutePath();
        }
    }

    /** The validated plan for this project and these parameters. */
    protected ImagePlan plan() throws MojoFailureException {
        MavenProjectReader reader = new MavenProjectReader(project);
        try {
            return new PlanFactory(getLog()::warn, getLog()::info).plan(planRequest(), reader.projectInput(), reader.ociLabels());
        } catch (ConfigurationException | AnalysisException e) {
            throw userProblem(e);
        }
    }

    /** The parameters as given: {@link PlanFactory} checks them. */
    protected PlanRequest planRequest() throws ConfigurationException {
        return new PlanRequest(mainClass, PropertyWords.of(jvmFlags, session, mojoExecution, "jvmFlags", "slim.jvmFlags"),
                PropertyWords.of(args, session, mojoExecution, "args", "slim.args"), runtime, builderImage, runtimeImage, locales,
                addModules, excludeModules, user, ports, labels, outputTimestamp, servletContainerImage, jlinkCdsArchive, startupCache,
                PropertyWords.of(trainingJvmFlags, session, mojoExecution, "trainingJvmFlags", "slim.startupCache.trainingJvmFlags"),
                PropertyWords.of(trainingArgs, session, mojoExecution, "trainingArgs", "slim.startupCache.trainingArgs"));
    }

    /** {@code outputDirectory} as a real path, checked to lie inside the build directory. */
    protected Path checkedOutputDirectory() throws MojoExecutionException, MojoFailureException {
        try {
            return OutputDirectory.inside(Path.of(project.getBuild().getDirectory()), outputDirectory.toPath());
        } catch (ConfigurationException e) {
            throw userProblem(e);
        } catch (IOException e) {
            throw environmentProblem(new IOException("Could not resolve outputDirectory " + outputDirectory + " ("
                    + e.getMessage() + "): check the symbolic links on that path.", e));
        }
    }

    protected Path cacheDirectory() {
        return cacheDirectory.toPath();
    }
}
