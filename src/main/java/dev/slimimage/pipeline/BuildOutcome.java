package dev.slimimage.pipeline;

import dev.slimimage.report.SizeReport;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A successful build: the size report and where its JSON and its page were written; or an image found up to date,
 * whose report from the build that made it stays where it was (then there is no report and no staged context here).
 */
public record BuildOutcome(Optional<SizeReport> report, Path reportFile, Path htmlFile, Optional<StagedContext> staged) {

    /** A build that built the image. */
    public BuildOutcome(SizeReport report, Path reportFile, Path htmlFile, StagedContext staged) {
        this(Optional.of(report), reportFile, htmlFile, Optional.of(staged));
    }

    /** The image was up to date: nothing was staged or built. */
    static BuildOutcome upToDate(Path reportFile, Path htmlFile) {
        return new BuildOutcome(Optional.empty(), reportFile, htmlFile, Optional.empty());
    }

    public boolean upToDate() {
        return report.isEmpty();
    }
}
