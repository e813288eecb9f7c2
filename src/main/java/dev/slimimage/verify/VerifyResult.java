package dev.slimimage.verify;

import java.util.List;

/** What verification saw: whether it passed, one sentence why, the container's output, and fixes to try. */
public record VerifyResult(boolean passed, String summary, String output, List<String> hints) {

    public VerifyResult {
        hints = List.copyOf(hints);
    }
}
