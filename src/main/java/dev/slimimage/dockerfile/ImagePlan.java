package dev.slimimage.dockerfile;

import dev.slimimage.analysis.AppAnalysis;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to write the Dockerfile and its context: the analysed application plus the user's choices.
 *
 * @param builderImage the JDK image; the baseline is computed against it, and stages that need a JDK start from it
 * @param fileTimestamp the modification time every staged file gets, so unchanged inputs give identical layers
 */
public record ImagePlan(
        AppAnalysis app,
        RuntimeKind runtime,
        String builderImage,
        String runtimeImage,
        String user,
        List<String> jvmFlags,
        List<String> ports,
        Map<String, String> labels,
        Instant fileTimestamp) {

    public ImagePlan {
        jvmFlags = List.copyOf(jvmFlags);
        ports = List.copyOf(ports);
        labels = Map.copyOf(labels);
    }
}
