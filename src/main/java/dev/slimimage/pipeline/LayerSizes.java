package dev.slimimage.pipeline;

import dev.slimimage.analysis.Layer;
import dev.slimimage.context.CompressedSize;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The compressed size of each staged layer (its tar as the build context holds it, gzip-compressed as a push sends it),
 * measured on a thread of its own while the daemon builds: on a first build the dependencies' tens of megabytes are
 * compressed on the core the daemon leaves idle instead of after the build. Sizes are kept by what a layer holds (its
 * files' fingerprint and their time) and the plugin that packed it, so an unchanged layer is measured once; a layer
 * without a fingerprint is measured on every build.
 */
final class LayerSizes implements AutoCloseable {

    /** The SHA-256 of a layer's fingerprint, its files' time and the plugin's jar → compressed bytes, in the cache directory. */
    static final String FILE = "pushed-sizes.json";

    private final Path cacheFile;
    private final Map<String, String> keyByLayer = new LinkedHashMap<>();
    private final Map<String, Long> known = new LinkedHashMap<>();
    private final Map<String, Future<Long>> measuring = new LinkedHashMap<>();
    private final ExecutorService executor;

    private LayerSizes(Path cacheFile) {
        this.cacheFile = cacheFile;
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "slim-layer-sizes");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts measuring every layer of {@code layers} (directories under {@code layersDirectory}) whose size is not
     * known from an earlier build.
     *
     * @param fingerprint the build's inputs, when it has them: each layer is known by its fingerprint and the plugin
     */
    static LayerSizes start(Collection<Layer> layers, Path layersDirectory, FileTime timestamp,
                            Optional<BuildInputs.Fingerprint> fingerprint, Path cacheFile) {
        LayerSizes sizes = new LayerSizes(cacheFile);
        Map<String, Long> cached = PushedSizeCache.read(cacheFile);
        for (Layer layer : layers) {
            Optional<String> key = fingerprint.flatMap(f -> Optional.ofNullable(f.layers().get(layer.name()))
                    .map(layerFiles -> BuildInputs.sha256Hex(layerFiles + " " + timestamp.toInstant() + " " + f.plugin())));
            Long bytes = key.map(cached::get).orElse(null);
            key.ifPresent(k -> sizes.keyByLayer.put(layer.name(), k));
            if (bytes != null) {
                sizes.known.put(layer.name(), bytes);
            } else {
                Path directory = layersDirectory.resolve(layer.name());
                sizes.measuring.put(layer.name(), sizes.executor.submit(() -> CompressedSize.of(directory, timestamp)));
            }
        }
        return sizes;
    }

    /**
     * The sizes of the layers, waiting for those still being measured, and keeps the known ones for the next build. A
     * layer that could not be measured is left out, with a warning: the report shows it as not measured.
     */
    Map<String, Long> all(BuildLog log) {
        // Every layer is either known from an earlier build or being measured.
        for (Map.Entry<String, Future<Long>> layer : measuring.entrySet()) {
            try {
                known.put(layer.getKey(), layer.getValue().get());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                log.warn("Could not measure the compressed size of layer " + layer.getKey() + " ("
                        + (cause instanceof IOException ? cause.getMessage() : cause) + "); the report shows it as not measured.");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new LinkedHashMap<>(known);
            }
        }
        Map<String, Long> keep = new LinkedHashMap<>();
        keyByLayer.forEach((layer, key) -> {
            if (known.containsKey(layer)) {
                keep.put(key, known.get(layer));
            }
        });
        PushedSizeCache.write(cacheFile, keep);
        return new LinkedHashMap<>(known);
    }

    /** Stops what is still being measured: a failed build needs none of it. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
