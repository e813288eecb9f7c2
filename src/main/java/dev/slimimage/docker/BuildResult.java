package dev.slimimage.docker;

import java.util.List;

/**
 * What a successful build produced.
 *
 * @param imageId the final image
 * @param stageImageIds the last image of every stage, in Dockerfile order; the final stage's is {@code imageId}
 * @param finalStageSteps the final stage's image after each of its steps, the first being its base image's (FROM), as
 *                        the daemon printed them; empty when the daemon does not print them all (Podman prints none for
 *                        FROM)
 */
public record BuildResult(String imageId, List<String> stageImageIds, List<String> finalStageSteps) {

    public BuildResult {
        stageImageIds = List.copyOf(stageImageIds);
        finalStageSteps = List.copyOf(finalStageSteps);
    }
}
