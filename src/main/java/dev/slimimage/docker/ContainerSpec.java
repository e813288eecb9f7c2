package dev.slimimage.docker;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A container to run: {@code args} go after the image's entrypoint; {@code publishTcpPort}, if set, is published on a
 * random port of the daemon's host (see {@link PublishAddress}).
 */
public record ContainerSpec(String image, List<String> args, Map<String, String> labels, OptionalInt publishTcpPort) {

    public ContainerSpec {
        args = List.copyOf(args);
        labels = Map.copyOf(labels);
    }
}
