package dev.slimimage.docker;

import java.util.OptionalInt;

/**
 * A started container; {@code hostPort} is the port published for the spec's port, if any, on {@code address}
 * ({@link PublishAddress#probeHost()}: 127.0.0.1 for a local daemon).
 */
public record StartedContainer(String id, OptionalInt hostPort, String address) {}
