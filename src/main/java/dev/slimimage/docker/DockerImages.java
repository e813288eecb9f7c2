package dev.slimimage.docker;

import dev.slimimage.registry.Credentials;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Images on the daemon. */
public interface DockerImages {

    /** The image by reference or id, or empty when the daemon has none. */
    Optional<ImageInfo> inspect(String reference) throws DockerException;

    /**
     * Pulls {@code reference}, reporting progress to {@code progress}.
     *
     * @throws ImageNotAvailableException when the registry does not give it; the message holds the registry's reason
     */
    default void pull(String reference, Consumer<String> progress) throws DockerException {
        pull(reference, Optional.empty(), progress);
    }

    /**
     * Pulls {@code reference} with credentials for its registry (a private base image), reporting progress.
     *
     * @throws ImageNotAvailableException when the registry does not give it; the message holds the registry's reason
     */
    void pull(String reference, Optional<Credentials> credentials, Consumer<String> progress) throws DockerException;

    /** {@code docker history}: one entry per layer-making step, newest first. */
    List<BuiltImage.HistoryEntry> history(String imageId) throws DockerException;

    /** Points {@code reference} (repository:tag) at {@code imageId}, moving the tag if it exists. */
    void tag(String imageId, String reference) throws DockerException;

    /**
     * Removes an image only if nothing uses it (no tag, no container, no child image); never forces.
     *
     * @return whether it was removed
     */
    boolean removeIfUnused(String imageId);
}
