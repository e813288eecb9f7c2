package dev.slimimage.plugin;

import dev.slimimage.docker.DaemonRequestException;
import dev.slimimage.docker.DaemonUnavailableException;
import dev.slimimage.docker.DockerConnector;
import dev.slimimage.docker.DockerException;
import dev.slimimage.docker.RegistryUnreachableException;
import dev.slimimage.pipeline.ImagePusher;
import dev.slimimage.pipeline.PushRequest;
import dev.slimimage.registry.CredentialException;
import dev.slimimage.registry.CredentialHelper;
import dev.slimimage.registry.CredentialResolver;
import dev.slimimage.registry.DockerConfigCredentials;
import dev.slimimage.registry.ExplicitCredentials;
import java.io.File;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystemSession;

/** What every goal shares: the project, the image, the daemon, {@code skip}, and turning errors into Maven's two kinds. */
abstract class AbstractSlimMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Skips the goal. */
    @Parameter(property = "slim.skip", defaultValue = "false")
    protected boolean skip;

    /** The image reference: what build tags and verify runs. */
    @Parameter(property = "slim.image", defaultValue = "${project.artifactId}:${project.version}")
    protected String image;

    /** The daemon to use, e.g. {@code unix:///run/user/1000/docker.sock}; default DOCKER_HOST, the Docker context, the default socket. */
    @Parameter(property = "slim.dockerHost")
    protected String dockerHost;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected MojoExecution mojoExecution;

    /**
     * Whether to skip, logging why. Every goal asks this first, so it is also where a misspelt {@code -Dslim.…} property,
     * which Maven silently ignores, gets its warning (also when the goal is skipped: {@code -Dslim.skipp} is one).
     */
    protected boolean skipped() {
        warnUnknownProperties();
        if (skip) {
            getLog().info("Skipping slim: slim.skip is set.");
            return true;
        }
        if ("pom".equals(project.getPackaging())) {
            getLog().info("Skipping slim: " + project.getArtifactId() + " has pom packaging, so there is no jar to put in an image.");
            return true;
        }
        return false;
    }

    /** The key in the build's session data that says the property warning was given: once per build, not per goal and module. */
    private static final String PROPERTIES_CHECKED = PluginProperties.class.getName() + ".checked";

    private void warnUnknownProperties() {
        if (session == null) {
            return;
        }
        RepositorySystemSession repositorySession = session.getRepositorySession();
        if (repositorySession != null && !repositorySession.getData().set(PROPERTIES_CHECKED, null, Boolean.TRUE)) {
            return;
        }
        Set<String> given = new TreeSet<>();
        for (Properties properties : Arrays.asList(session.getUserProperties(), session.getSystemProperties())) {
            if (properties != null) {
                properties.stringPropertyNames().stream().filter(n -> n.startsWith(PluginProperties.PREFIX)).forEach(given::add);
            }
        }
        if (given.isEmpty()) {
            return;
        }
        if (mojoExecution == null || mojoExecution.getMojoDescriptor() == null
                || mojoExecution.getMojoDescriptor().getPluginDescriptor() == null) {
            return;
        }
        PluginProperties.of(mojoExecution.getMojoDescriptor().getPluginDescriptor(), List.of(PASSWORD_PROPERTY))
                .warnings(given).forEach(getLog()::warn);
    }

    protected Optional<String> explicitDockerHost() {
        return Optional.ofNullable(blankToNull(dockerHost));
    }

    /**
     * The environment's problems (a daemon that does not answer or fails a request a healthy one grants) stop the
     * build as {@link MojoExecutionException}; everything the user can fix in the build is a {@link MojoFailureException}.
     */
    protected MojoExecutionException rethrow(DockerException e) throws MojoFailureException {
        if (e instanceof DaemonUnavailableException || e instanceof DaemonRequestException
                || e instanceof RegistryUnreachableException) {
            return environmentProblem(e);
        }
        throw userProblem(e);
    }

    /**
     * The user's problem, as its one sentence. The library exceptions behind it go to the debug log (-X) only: as a
     * cause, Maven would print their messages again after the sentence, and their stack traces with -e.
     */
    protected MojoFailureException userProblem(Exception e) {
        logCause(e);
        return new MojoFailureException(e.getMessage());
    }

    /** The environment's problem, as its one sentence; the exceptions behind it go to the debug log only. */
    protected MojoExecutionException environmentProblem(Exception e) {
        logCause(e);
        return new MojoExecutionException(e.getMessage());
    }

    private void logCause(Exception e) {
        if (getLog().isDebugEnabled()) {
            getLog().debug("What led to the failure reported below:", e);
        }
    }

    /** The push itself, shared with build's {@code push} switch. */
    protected void pushImage(File outputDirectory) throws MojoExecutionException, MojoFailureException {
        PushRequest request = new PushRequest(outputDirectory.toPath(), image, explicitDockerHost(), credentialResolver());
        try {
            new ImagePusher(DockerConnector.dockerJava()).push(request, new MavenBuildLog(getLog(), buildOutputPrefix(), ignored -> { }));
        } catch (DockerException e) {
            throw rethrow(e);
        } catch (IOException e) {
            throw environmentProblem(new IOException("Could not write " + outputDirectory + "/image.json (" + e.getMessage()
                    + "): check that the directory is writable and the disk has space.", e));
        }
    }

    /** In a parallel reactor the daemon's lines of several modules interleave; the module name tells them apart. */
    protected String buildOutputPrefix() {
        return session != null && session.isParallel() ? "[docker " + project.getArtifactId() + "] " : "[docker] ";
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---- Registry credentials (push, and pulling private base images) ----------------------------------------

    /** User name for the registry; with the password property it wins over settings.xml and the Docker config. */
    @Parameter(property = "slim.registry.username")
    protected String registryUsername;

    /**
     * The registry password is deliberately not a mojo parameter: {@code mvn -X} prints every parameter's value (a
     * parameter type's setter too). It is read like a property: {@code -Dslim.registry.password}, a POM
     * {@code <properties>} entry (e.g. {@code ${env.REGISTRY_PASSWORD}}), a system property, else the environment
     * variable {@value #PASSWORD_VARIABLE}.
     */
    static final String PASSWORD_PROPERTY = "slim.registry.password";
    static final String PASSWORD_VARIABLE = "SLIM_REGISTRY_PASSWORD";

    private String registryPassword() {
        List<java.util.Properties> sources = new java.util.ArrayList<>();
        if (session != null) {
            sources.add(session.getUserProperties());
        }
        if (project != null) {
            sources.add(project.getProperties());
        }
        if (session != null) {
            sources.add(session.getSystemProperties());
        }
        for (java.util.Properties properties : sources) {
            String value = properties == null ? null : properties.getProperty(PASSWORD_PROPERTY);
            // "${env.X}" left as is means the variable is not set: no password, rather than that text as one.
            if (value != null && !value.isEmpty() && !value.matches("\\$\\{[^}]+}")) {
                return value;
            }
        }
        String variable = System.getenv(PASSWORD_VARIABLE);
        return variable == null || variable.isEmpty() ? null : variable;
    }

    @Component
    protected SettingsDecrypter settingsDecrypter;

    /**
     * Where credentials come from, in order: the explicit parameters, a settings.xml {@code <server>} whose id is the
     * registry host, then the Docker config ({@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}).
     */
    protected CredentialResolver credentialResolver() throws MojoFailureException {
        try {
            var environment = System.getenv();
            return new CredentialResolver(List.of(
                    ExplicitCredentials.of(registryUsername, registryPassword()),
                    new MavenSettingsCredentials(session == null ? null : session.getSettings(), settingsDecrypter),
                    new DockerConfigCredentials(DockerConfigCredentials.configFile(environment, System.getProperty("user.home")),
                            new CredentialHelper(environment))));
        } catch (CredentialException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }
}
