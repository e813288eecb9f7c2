package dev.slimimage.docker;

import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.InputStream;
import java.util.Set;
import java.util.function.Consumer;

/** The ImageBuilds facet through docker-java. */
record DockerJavaBuilds(DockerJavaDaemon daemon) implements ImageBuilds {

    @Override
    public BuildResult build(InputStream context, Set<String> tags, boolean noCache, Consumer<String> output) throws DockerException {
        BuildStream stream = new BuildStream(output);
        QuietCallback<BuildResponseItem> callback = new QuietCallback<>(item -> {
            if (item.getStream() != null) {
                stream.text(item.getStream());
            }
            if (item.isErrorIndicated()) {
                stream.error(item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError());
            }
        });
        try {
            daemon.client().buildImageCmd(context)
                    .withTags(tags)
                    .withPull(false)
                    .withNoCache(noCache)
                    .withRemove(true)
                    .withForcerm(true)
                    .exec(callback);
            if (!callback.await(TIME_LIMIT.toSeconds())) {
                callback.close();
                callback.onError(new IllegalStateException("no end of the build within " + TIME_LIMIT.toMinutes() + " minutes"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.close();
            callback.onError(e);
        } catch (RuntimeException e) {
            callback.onError(e);
        }
        return stream.result(callback.error(), new BuildStream.Daemon() {
            @Override
            public boolean answers() {
                return daemon.answers();
            }

            @Override
            public DockerException unavailable(String doing, Throwable cause) {
                return daemon.unavailable(doing, cause);
            }

            @Override
            public DockerException failure(String doing, Throwable cause) {
                return daemon.failure(doing, cause);
            }

            @Override
            public void removeContainer(String containerId) {
                try {
                    daemon.client().removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
                } catch (RuntimeException ignored) {
                    // Already removed by the daemon, or housekeeping that failed: the build's own error matters more.
                }
            }

            @Override
            public void removeImageIfUnused(String imageId) {
                daemon.images().removeIfUnused(imageId);
            }
        });
    }
}
