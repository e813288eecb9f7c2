package dev.slimimage.plugin;

import dev.slimimage.pipeline.BuildLog;
import dev.slimimage.pipeline.StagedContext;
import java.util.function.Consumer;
import org.apache.maven.plugin.logging.Log;

/** The pipeline's log on Maven's: the daemon's lines carry a prefix, and the staged context is summarised by the mojo. */
final class MavenBuildLog implements BuildLog {

    private final Log log;
    private final String outputPrefix;
    private final Consumer<StagedContext> onStaged;

    MavenBuildLog(Log log, String outputPrefix, Consumer<StagedContext> onStaged) {
        this.log = log;
        this.outputPrefix = outputPrefix;
        this.onStaged = onStaged;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        log.debug(outputPrefix + message);
    }

    @Override
    public void buildOutput(String line) {
        log.info(outputPrefix + line);
    }

    @Override
    public void staged(StagedContext staged) {
        onStaged.accept(staged);
    }
}
