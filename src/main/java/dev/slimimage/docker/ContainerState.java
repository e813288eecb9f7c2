package dev.slimimage.docker;

/** Whether the container still runs, and its exit code once it stopped. */
public record ContainerState(boolean running, long exitCode) {}
