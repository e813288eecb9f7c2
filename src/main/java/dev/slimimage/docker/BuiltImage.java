package dev.slimimage.docker;

import java.util.List;

/** An image as the daemon describes it after a build. */
public record BuiltImage(String id, long sizeBytes, List<HistoryEntry> history) {

    public BuiltImage {
        history = List.copyOf(history);
    }

    /** One entry of {@code docker history}, newest first; {@code createdBy} is the instruction that made it. */
    public record HistoryEntry(String createdBy, long sizeBytes) {}
}
