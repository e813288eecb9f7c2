package dev.slimimage.docker;

import java.util.OptionalInt;

/** A started container; {@code hostPort} is the loopback port published for the spec's port, if any. */
public record StartedContainer(String id, OptionalInt hostPort) {}
