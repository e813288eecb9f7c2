package dev.slimimage.docker;

import java.util.List;
import java.util.Map;

/**
 * An image as {@code docker image inspect} describes it.
 *
 * @param exposedPorts the image's {@code EXPOSE}d ports as {@code 8080/tcp}
 * @param diffIds the digests of its layers' uncompressed tars ({@code RootFS.Layers}), oldest first: equal diff ids
 *                are equal layers, so they tell which layers two builds share
 */
public record ImageInfo(String id, long sizeBytes, List<String> repoTags, Map<String, String> labels, List<String> exposedPorts,
                        List<String> diffIds) {

    public ImageInfo {
        repoTags = List.copyOf(repoTags);
        labels = Map.copyOf(labels);
        exposedPorts = List.copyOf(exposedPorts);
        diffIds = List.copyOf(diffIds);
    }
}
