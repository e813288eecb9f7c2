package dev.slimimage.docker;

import java.util.List;

/**
 * What a successful build produced.
 *
 * @param imageId the final image
 * @param stageImageIds the last image of every stage, in Dockerfile order; the final stage's is {@code imageId}
 */
public record BuildResult(String imageId, List<String> stageImageIds) {

    public BuildResult {
        stageImageIds = List.copyOf(stageImageIds);
    }
}
