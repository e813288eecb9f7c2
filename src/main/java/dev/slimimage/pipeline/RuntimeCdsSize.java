package dev.slimimage.pipeline;

import dev.slimimage.docker.BuildResult;
import dev.slimimage.docker.DockerDaemon;
import dev.slimimage.docker.DockerException;
import dev.slimimage.dockerfile.DockerfileGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bytes of the linked runtime's default CDS archives: as the jlink step printed them when it ran in this build, else
 * read from the image (a created, never started container). They are kept by the image of the jlink stage, which
 * changes only when the runtime is linked again: a build that reuses the runtime asks the daemon nothing more.
 */
final class RuntimeCdsSize {

    /** Linked-runtime stage image id → bytes, in the cache directory. */
    static final String FILE = "runtime-cds-sizes.json";
    static final List<String> ARCHIVES = List.of(DockerfileGenerator.LINKED_RUNTIME + "/lib/server/classes.jsa",
            DockerfileGenerator.LINKED_RUNTIME + "/lib/server/classes_nocoops.jsa");

    private RuntimeCdsSize() {
    }

    /**
     * @param printed what the jlink step printed, when it ran in this build
     * @return the archives' bytes (0 for a runtime without them), or null when they could not be read
     */
    static Long of(DockerDaemon daemon, BuildResult result, OptionalLong printed, Path cacheFile, BuildLog log) {
        // The jlink stage is the first; without stage images (a daemon that does not name them) the image itself is the key.
        String key = result.stageImageIds().size() > 1 ? result.stageImageIds().get(0) : result.imageId();
        if (printed.isPresent()) {
            PushedSizeCache.write(cacheFile, Map.of(key, printed.getAsLong()));
            return printed.getAsLong();
        }
        Long known = PushedSizeCache.read(cacheFile).get(key);
        if (known != null) {
            return known;
        }
        long bytes;
        try {
            bytes = daemon.containers().fileSizes(result.imageId(), ARCHIVES).values().stream().mapToLong(Long::longValue).sum();
        } catch (DockerException e) {
            log.warn("Could not read the size of the linked runtime's CDS archive (" + e.getMessage() + "); the report shows it "
                    + "as not measured.");
            return null;
        }
        PushedSizeCache.write(cacheFile, Map.of(key, bytes));
        return bytes;
    }

    /** Passes the build's output on, and keeps the bytes from the jlink step's line when it ran. */
    static final class PrintedBytes implements Consumer<String> {

        private static final Pattern LINE = Pattern.compile(Pattern.quote(DockerfileGenerator.CDS_BYTES_LINE) + "\\s*(\\d{1,18}) bytes");

        private final Consumer<String> output;
        private volatile OptionalLong bytes = OptionalLong.empty();

        PrintedBytes(Consumer<String> output) {
            this.output = output;
        }

        @Override
        public void accept(String line) {
            Matcher matcher = LINE.matcher(line.strip());
            if (matcher.matches()) {
                bytes = OptionalLong.of(Long.parseLong(matcher.group(1)));
            }
            output.accept(line);
        }

        OptionalLong bytes() {
            return bytes;
        }
    }
}
