package dev.slimimage.docker;

import java.util.List;
import java.util.Map;

/**
 * An image as {@code docker image inspect} describes it.
 *
 * @param exposedPorts the image's {@code EXPOSE}d ports as {@code 8080/tcp}
 * @param diffIds the digests of its layers' uncompressed tars ({@code RootFS.Layers}), oldest first: equal diff ids
 *                are equal layers, so they tell which layers two builds share
 * @param env the environment its containers start with ({@code ENV}), by name
 */
public record ImageInfo(String id, long sizeBytes, List<String> repoTags, Map<String, String> labels, List<String> exposedPorts,
                        List<String> diffIds, Map<String, String> env) {

    public ImageInfo {
        repoTags = List.copyOf(repoTags);
        labels = Map.copyOf(labels);
        exposedPorts = List.copyOf(exposedPorts);
        diffIds = List.copyOf(diffIds);
        env = Map.copyOf(env);
    }

    /** An image whose environment does not matter. */
    public ImageInfo(String id, long sizeBytes, List<String> repoTags, Map<String, String> labels, List<String> exposedPorts,
                     List<String> diffIds) {
        this(id, sizeBytes, repoTags, labels, exposedPorts, diffIds, Map.of());
    }
}
