package dev.slimimage.pipeline;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.Layer;
import dev.slimimage.context.FileDigests;
import dev.slimimage.context.SourceIdentities;
import dev.slimimage.plan.ImagePlan;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.lang.reflect.RecordComponent;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fingerprint of everything an image build is made from: the plugin itself, the daemon, the image's name, tags
 * and the build's parameters, the ids of the base images, the plan (which decides the Dockerfile) and what every file
 * of the image holds. Two builds with the same fingerprint build the same image; the module analysis of a linked
 * runtime reads nothing else either (its JDK is the builder image, whose id is in here).
 */
final class BuildInputs {

    private static final String VERSION = "slim build inputs 3";

    private BuildInputs() {
    }

    /**
     * The fingerprints of a build's inputs, as hex SHA-256.
     *
     * @param whole         everything: two builds with the same one build the same image with the same tags and report
     * @param outsideLayers what decides the image apart from the files of its layers (and from its name, tags, pull
     *                      policy and budget, which do not change what it holds)
     * @param layers        each layer's files, by layer name
     * @param plugin        the plugin that fingerprinted them ({@link #pluginIdentity()})
     */
    record Fingerprint(String whole, String outsideLayers, Map<String, String> layers, String plugin) {
        Fingerprint {
            layers = Map.copyOf(layers);
        }
    }

    /**
     * The fingerprints; empty when a file's content cannot be told without reading it all (a jar entry without a CRC),
     * so that such a build is never taken for up to date.
     *
     * @param baseImageIds the id of every image the build starts from or measures against, by reference ("none" when absent)
     * @throws IOException when an input cannot be read; staging would fail on it too
     */
    static Optional<Fingerprint> fingerprint(BuildRequest request, String daemonHost, Map<String, String> baseImageIds,
                                             FileDigests digests) throws IOException {
        String plugin = pluginIdentity();
        StringBuilder outside = new StringBuilder(VERSION).append('\n');
        outside.append("plugin ").append(plugin).append('\n');
        outside.append("daemon ").append(daemonHost).append('\n');
        outside.append("bases ").append(new TreeMap<>(baseImageIds)).append('\n');
        ImagePlan plan = request.plan();
        outside.append("plan ").append(plan.runtime()).append(' ').append(plan.builderImage()).append(' ').append(plan.runtimeImage())
                .append(" user ").append(plan.user()).append(" flags ").append(plan.jvmFlags()).append(" ports ").append(plan.ports())
                .append(" labels ").append(new TreeMap<>(plan.labels())).append(" time ").append(plan.fileTimestamp())
                .append(" jlink ").append(describe(plan.jlink())).append(" args ").append(plan.args())
                .append(" servlet ").append(plan.servletContainerImage())
                .append(" startup ").append(describe(plan.startupCache())).append('\n');
        AppAnalysis app = plan.app();
        outside.append("app ").append(app.layout()).append(' ').append(app.mainClass()).append(' ').append(app.launchArguments())
                .append(" release ").append(app.javaRelease()).append(' ').append(app.releaseSource())
                .append(' ').append(describe(app.launchManifest())).append('\n');
        StringBuilder whole = new StringBuilder(outside);
        whole.append("image ").append(request.image()).append(" tags ").append(request.extraTags()).append('\n');
        whole.append("pull ").append(request.pull()).append(" budget ").append(describe(request.budget())).append('\n');
        for (Path naive : app.naiveImageFiles()) {
            whole.append("naive ").append(naive).append(' ').append(Files.size(naive)).append('\n');
        }
        Map<String, String> layers = new TreeMap<>();
        try (SourceIdentities sources = new SourceIdentities(digests)) {
            for (Layer layer : app.layers()) {
                StringBuilder files = new StringBuilder();
                for (ImageFile file : layer.files()) {
                    Optional<String> identity = sources.of(file.source());
                    if (identity.isEmpty()) {
                        return Optional.empty();
                    }
                    files.append(file.imagePath()).append(' ').append(identity.get()).append('\n');
                }
                layers.put(layer.name(), sha256Hex(files.toString()));
                whole.append("layer ").append(layer.name()).append('\n').append(files);
            }
        }
        return Optional.of(new Fingerprint(sha256Hex(whole.toString()), sha256Hex(outside.toString()), layers, plugin));
    }

    /**
     * A value as text, a record as its components' names and values: what {@code toString} of a record gives, without the
     * bootstrap of its generated {@code toString} (tens of milliseconds in a fresh class realm, for each record class).
     */
    static String describe(Object value) {
        if (value instanceof Optional<?> optional) {
            return optional.map(BuildInputs::describe).map(v -> "Optional[" + v + "]").orElse("Optional.empty");
        }
        if (value instanceof java.util.Collection<?> collection) {
            return collection.stream().map(BuildInputs::describe).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> describe(e.getKey()) + "=" + describe(e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
        }
        if (value == null || !value.getClass().isRecord()) {
            return String.valueOf(value);
        }
        StringBuilder text = new StringBuilder(value.getClass().getSimpleName()).append('[');
        RecordComponent[] components = value.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            Object component;
            try {
                java.lang.reflect.Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                component = accessor.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + components[i] + " of " + value.getClass().getName(), e);
            }
            text.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=').append(describe(component));
        }
        return text.append(']').toString();
    }

    /** The plugin's jar by path, size and time: another plugin may stage, pack or measure differently. */
    static String pluginIdentity() {
        try {
            CodeSource source = BuildInputs.class.getProtectionDomain().getCodeSource();
            Path location = Path.of(source.getLocation().toURI());
            BasicFileAttributes attributes = Files.readAttributes(location, BasicFileAttributes.class);
            return location + " " + attributes.size() + " " + attributes.lastModifiedTime().toMillis();
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // Unknown: the fingerprint then never matches one of another run.
            return "unknown " + System.nanoTime();
        }
    }

    /** The hex SHA-256 of {@code text}: the one digest of the pipeline's fingerprints, records and cache tags. */
    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
