package dev.slimimage.pipeline;

import dev.slimimage.report.SizeReport;
import java.nio.file.Path;

/** A successful build: the size report and where its JSON was written. */
public record BuildOutcome(SizeReport report, Path reportFile, StagedContext staged) {
}
