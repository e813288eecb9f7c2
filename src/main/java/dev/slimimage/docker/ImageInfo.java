package dev.slimimage.docker;

import java.util.List;
import java.util.Map;

/**
 * An image as {@code docker image inspect} describes it.
 *
 * @param exposedPorts the image's {@code EXPOSE}d ports as {@code 8080/tcp}
 */
public record ImageInfo(String id, long sizeBytes, List<String> repoTags, Map<String, String> labels, List<String> exposedPorts) {

    public ImageInfo {
        repoTags = List.copyOf(repoTags);
        labels = Map.copyOf(labels);
        exposedPorts = List.copyOf(exposedPorts);
    }
}
