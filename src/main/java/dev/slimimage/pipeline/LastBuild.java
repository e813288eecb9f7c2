package dev.slimimage.pipeline;

import dev.slimimage.json.Json;
import dev.slimimage.json.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The last successful build, kept in the cache directory: the fingerprint of its inputs ({@link BuildInputs}), the image
 * it built, the tags it gave it and, when the daemon named them, its steps' images for the next build to start from
 * ({@link StepReuse}). Removed when a build starts, written when one succeeds.
 *
 * @param steps null when the daemon did not name every step's image
 */
record LastBuild(String fingerprint, String imageId, List<String> tags, Steps steps) {

    static final String FILE = "last-build.json";

    LastBuild {
        tags = List.copyOf(tags);
    }

    /**
     * What a build made step by step, and from what.
     *
     * @param outsideLayers   {@link BuildInputs.Fingerprint#outsideLayers()}
     * @param layers          {@link BuildInputs.Fingerprint#layers()}
     * @param dockerfile      the SHA-256 of the Dockerfile it built
     * @param stageImageIds   the last image of every stage
     * @param finalStageSteps the final stage's image after each step, its base image's first
     */
    record Steps(String outsideLayers, Map<String, String> layers, String dockerfile, List<String> stageImageIds,
                 List<String> finalStageSteps) {
        Steps {
            layers = Map.copyOf(layers);
            stageImageIds = List.copyOf(stageImageIds);
            finalStageSteps = List.copyOf(finalStageSteps);
        }
    }

    Optional<Steps> reusableSteps() {
        return Optional.ofNullable(steps);
    }

    /**
     * The record in {@code cacheDirectory}; empty when there is none or it cannot be read (then the image is built). Read
     * without Jackson, whose start would cost an up-to-date build most of its time.
     */
    static Optional<LastBuild> read(Path cacheDirectory) {
        Path file = cacheDirectory.resolve(FILE);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            Map<String, Object> json = Json.object(Json.parse(Files.readString(file, StandardCharsets.UTF_8)));
            String fingerprint = Json.text(json.get("fingerprint"), null);
            String imageId = Json.text(json.get("imageId"), null);
            Optional<List<String>> tags = texts(json.get("tags"));
            if (fingerprint == null || imageId == null || tags.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new LastBuild(fingerprint, imageId, tags.get(), steps(json.get("steps")).orElse(null)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The steps, when all of them are there and well-formed; a record without them only costs the next build its reuse. */
    private static Optional<Steps> steps(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        Map<String, Object> json = Json.object(value);
        String outside = Json.text(json.get("outsideLayers"), null);
        String dockerfile = Json.text(json.get("dockerfile"), null);
        Optional<List<String>> stages = texts(json.get("stageImageIds"));
        Optional<List<String>> finalSteps = texts(json.get("finalStageSteps"));
        if (outside == null || dockerfile == null || stages.isEmpty() || finalSteps.isEmpty()
                || !(json.get("layers") instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        Map<String, String> layers = new TreeMap<>();
        for (Map.Entry<String, Object> layer : Json.object(json.get("layers")).entrySet()) {
            if (!(layer.getValue() instanceof String digest)) {
                return Optional.empty();
            }
            layers.put(layer.getKey(), digest);
        }
        return Optional.of(new Steps(outside, layers, dockerfile, stages.get(), finalSteps.get()));
    }

    private static Optional<List<String>> texts(Object value) {
        if (!(value instanceof List<?>)) {
            return Optional.empty();
        }
        List<String> texts = new ArrayList<>();
        for (Object item : Json.array(value)) {
            if (!(item instanceof String text)) {
                return Optional.empty();
            }
            texts.add(text);
        }
        return Optional.of(texts);
    }

    static void remove(Path cacheDirectory) throws IOException {
        Files.deleteIfExists(cacheDirectory.resolve(FILE));
    }

    void write(Path cacheDirectory) throws IOException {
        JsonFiles.replace(cacheDirectory.resolve(FILE), this);
    }
}
