package dev.slimimage.docker;

import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/** Builds images from a context tar with the daemon's classic builder. */
public interface ImageBuilds {

    /** As long as a build may take: a daemon that hangs does not hang Maven. */
    Duration TIME_LIMIT = Duration.ofHours(1);

    /**
     * Sends {@code context} (a tar with a Dockerfile at its root), builds it and tags the result with {@code tags}.
     * Streams the builder's output to {@code output}, one line at a time. When the build fails, the containers and
     * images this build created are removed before the exception is thrown, and nothing else is touched.
     *
     * @throws ImageBuildException when a step of the Dockerfile fails
     * @throws DaemonUnavailableException when the daemon stops answering during the build
     */
    BuildResult build(InputStream context, Set<String> tags, boolean noCache, Consumer<String> output) throws DockerException;
}
