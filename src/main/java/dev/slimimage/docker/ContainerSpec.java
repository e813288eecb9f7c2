package dev.slimimage.docker;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A container to run: {@code args} go after the image's entrypoint; {@code publishTcpPort}, if set, is published on a
 * random port of the daemon's host (see {@link PublishAddress}); {@code env} sets variables over the image's own.
 */
public record ContainerSpec(String image, List<String> args, Map<String, String> labels, OptionalInt publishTcpPort,
                            Map<String, String> env) {

    public ContainerSpec {
        args = List.copyOf(args);
        labels = Map.copyOf(labels);
        env = Map.copyOf(env);
    }

    /** A container with the image's own environment. */
    public ContainerSpec(String image, List<String> args, Map<String, String> labels, OptionalInt publishTcpPort) {
        this(image, args, labels, publishTcpPort, Map.of());
    }
}
