package dev.slimimage.pipeline;

import dev.slimimage.report.SizeReport;
import java.nio.file.Path;

/** A successful build: the size report and where its JSON and its page were written. */
public record BuildOutcome(SizeReport report, Path reportFile, Path htmlFile, StagedContext staged) {
}
