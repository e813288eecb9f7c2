package dev.slimimage.docker;

import java.util.List;

/**
 * An image as the daemon describes it after a build, and the engine that built it.
 *
 * @param diffIds its layers' diff ids, oldest first ({@link ImageInfo#diffIds()})
 * @param baseDiffIds the diff ids of the image its final stage started from: the first of {@code diffIds} when the
 *                    build added its layers on top of them
 */
public record BuiltImage(String id, long sizeBytes, List<HistoryEntry> history, List<String> diffIds, List<String> baseDiffIds,
                         DaemonEngine engine) {

    public BuiltImage {
        history = List.copyOf(history);
        diffIds = List.copyOf(diffIds);
        baseDiffIds = List.copyOf(baseDiffIds);
    }

    /** One entry of {@code docker history}, newest first; {@code createdBy} is the instruction that made it. */
    public record HistoryEntry(String createdBy, long sizeBytes) {}
}
