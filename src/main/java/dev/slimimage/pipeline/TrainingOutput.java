package dev.slimimage.pipeline;

import dev.slimimage.docker.ImageBuildException;
import dev.slimimage.dockerfile.DockerfileGenerator;
import dev.slimimage.plan.StartupCache;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The build output while a startup cache is trained: the JVM's own cache messages ({@code [warning][cds]},
 * {@code [warning][aot]}, dozens per run) go to the debug log, the rest as usual; a failed build is told in the
 * cache's terms, with the cache messages that explain it.
 */
final class TrainingOutput implements Consumer<String> {

    private static final int KEPT_LINES = 15;
    /** Unified logging with its default decorations: {@code [0.123s][warning][cds] …}, {@code [error][aot,…] …}. */
    private static final Pattern CACHE_LOG = Pattern.compile("(\\[[^\\]]*\\])*\\[(warning|info|error)\\s*\\]\\[(cds|aot)[^\\]]*\\].*");

    private final StartupCache cache;
    private final BuildLog log;
    private final Deque<String> cacheLines = new ArrayDeque<>();
    private int hidden;

    TrainingOutput(StartupCache cache, BuildLog log) {
        this.cache = cache;
        this.log = log;
    }

    @Override
    public void accept(String line) {
        if (CACHE_LOG.matcher(line).matches()) {
            hidden++;
            cacheLines.addLast(line);
            if (cacheLines.size() > KEPT_LINES) {
                cacheLines.removeFirst();
            }
            log.debug(line);
        } else {
            log.buildOutput(line);
        }
    }

    /** One line after a successful build: how many cache messages were left out, and that the layer is not reproducible. */
    String summary() {
        return "Trained the " + cache.kind().description() + " " + cache.archivePath() + " in the stage "
                + DockerfileGenerator.TRAINING_STAGE + (hidden == 0 ? "" : " (the JVM's " + hidden + " cache messages are "
                + "in the debug log, mvn -X)") + "; its layer " + StartupCache.LAYER + " is not reproducible (the JVM writes "
                + "different bytes on every run), every other layer is.";
    }

    /** The failure in the cache's terms, when it is the training run or the archive it should have written. */
    Optional<ImageBuildException> translate(ImageBuildException failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        String shown = cacheLines.isEmpty() ? "" : " The JVM said:\n  " + String.join("\n  ", cacheLines);
        if (message.contains("COPY --from=" + DockerfileGenerator.TRAINING_STAGE + " ")) {
            return Optional.of(new ImageBuildException("The training run exited without writing the " + cache.kind().description()
                    + " " + cache.archivePath() + " (the JVM reports a failed dump but still exits 0): make the training run "
                    + "start the application the way the image does (trainingArgs, trainingJvmFlags), or set startupCache=none; "
                    + "the training's output is in the log above." + shown));
        }
        if (message.contains(cache.trainingOption())) {
            return Optional.of(new ImageBuildException("The training run of the startup cache failed: " + message + shown));
        }
        return Optional.empty();
    }
}
