package dev.slimimage.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** The ImageBuilds facet through docker-java. */
record DockerJavaBuilds(DockerJavaDaemon daemon) implements ImageBuilds {

    static final long BUILD_TIMEOUT_SECONDS = 3600;


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
            if (!callback.await(BUILD_TIMEOUT_SECONDS)) {
                callback.close();
                callback.onError(new IllegalStateException("no end of the build within " + BUILD_TIMEOUT_SECONDS / 60 + " minutes"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.close();
            callback.onError(e);
        } catch (RuntimeException e) {
            callback.onError(e);
        }
        stream.finish();
        Throwable broken = callback.error();
        if (broken == null && stream.error().isEmpty() && stream.builtImage().isPresent()) {
            return new BuildResult(stream.builtImage().get(), stream.stageImages());
        }
        String where = stream.step().isEmpty() ? "building the image" : "building the image (at " + stream.step() + ")";
        if (!daemon.answers()) {
            throw daemon.unavailable(where, broken);
        }
        removeWhatThisBuildCreated(stream);
        if (broken != null) {
            throw daemon.failure(where, broken);
        }
        throw new ImageBuildException(stream.describeFailure(stream.error().orElse("the build ended without an image")));
    }

    /**
     * A failed build leaves its last container (with forcerm the daemon removes it, unless the daemon broke off) and
     * the images of the steps that succeeded. Only those are removed: other builds on a shared daemon create and
     * orphan images at the same time, and they are not ours.
     */
    private void removeWhatThisBuildCreated(BuildStream stream) {
        for (String container : stream.leftContainers()) {
            try {
                daemon.client().removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
            } catch (NotFoundException gone) {
                // Already removed by the daemon.
            } catch (RuntimeException ignored) {
                // Housekeeping only; the build's own error matters more.
            }
        }
        List<String> newestFirst = new ArrayList<>(stream.createdImages());
        java.util.Collections.reverse(newestFirst);
        newestFirst.forEach(daemon.images()::removeIfUnused);
    }
}
