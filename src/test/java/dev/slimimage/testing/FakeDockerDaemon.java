package dev.slimimage.testing;

import dev.slimimage.docker.BuildResult;
import dev.slimimage.docker.BuiltImage;
import dev.slimimage.docker.ContainerSpec;
import dev.slimimage.docker.ContainerState;
import dev.slimimage.docker.DaemonEngine;
import dev.slimimage.docker.DaemonUnavailableException;
import dev.slimimage.docker.DockerConnector;
import dev.slimimage.docker.DockerContainers;
import dev.slimimage.docker.DockerDaemon;
import dev.slimimage.docker.DockerException;
import dev.slimimage.docker.DockerImages;
import dev.slimimage.docker.DockerRegistry;
import dev.slimimage.registry.Credentials;
import dev.slimimage.docker.ImageBuilds;
import dev.slimimage.docker.ImageInfo;
import dev.slimimage.docker.ImageNotAvailableException;
import dev.slimimage.docker.StartedContainer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An in-memory daemon for testing the pipeline and the verifier without Docker: images by id with their tags,
 * containers that run a scripted life, and a build whose outcome the test chooses. Records what was asked of it.
 */
public final class FakeDockerDaemon implements DockerDaemon, DockerImages, ImageBuilds, DockerContainers, DockerRegistry {

    /** What a scripted build does. */
    @FunctionalInterface
    public interface BuildBehaviour {
        BuildResult build(byte[] context, Set<String> tags, Consumer<String> output) throws DockerException;
    }

    /** What a started container does: its state and output at each poll. */
    public record ContainerScript(long runsForMillis, long exitCode, String output) {}

    public final Map<String, ImageInfo> images = new LinkedHashMap<>();
    public final List<String> removedImages = new ArrayList<>();
    public final List<String> pulled = new ArrayList<>();
    public final List<ContainerSpec> started = new ArrayList<>();
    public final Map<String, Map<String, String>> containers = new LinkedHashMap<>();
    public final List<String> removedContainers = new ArrayList<>();
    public byte[] lastContext;
    public BuildBehaviour buildBehaviour = (context, tags, output) -> {
        throw new AssertionError("no build expected");
    };
    public ContainerScript containerScript = new ContainerScript(Long.MAX_VALUE, 0, "");
    public boolean answering = true;
    private final Map<String, Long> startedAt = new LinkedHashMap<>();
    private int nextId = 1;

    public DockerConnector connector() {
        return host -> this;
    }

    /** Adds an image with the given tags and labels; returns its id. */
    public String addImage(long size, Map<String, String> labels, String... tags) {
        String id = "sha256:" + String.format("%064x", nextId++);
        images.put(id, new ImageInfo(id, size, List.of(tags), labels, List.of(), List.of()));
        return id;
    }

    /** Moves {@code tags} onto image {@code id} (creating it when new), as a build that tags its result does. */
    public void tagImage(String id, long size, Map<String, String> labels, Set<String> tags) {
        for (var entry : List.copyOf(images.entrySet())) {
            List<String> kept = entry.getValue().repoTags().stream().filter(t -> !tags.contains(t)).toList();
            images.put(entry.getKey(), withTags(entry.getValue(), kept));
        }
        ImageInfo existing = images.get(id);
        List<String> all = new ArrayList<>(existing == null ? List.of() : existing.repoTags());
        all.addAll(tags);
        images.put(id, new ImageInfo(id, size, all, labels, List.of(), existing == null ? List.of() : existing.diffIds()));
    }

    private static ImageInfo withTags(ImageInfo image, List<String> tags) {
        return new ImageInfo(image.id(), image.sizeBytes(), tags, image.labels(), image.exposedPorts(), image.diffIds());
    }

    @Override
    public String host() {
        return "fake://daemon";
    }

    @Override
    public DaemonEngine engine() {
        return new DaemonEngine(DaemonEngine.DOCKER, "0.0-fake", "1.41", host(), false);
    }

    @Override
    public String chosenBecause() {
        return "the test";
    }

    @Override
    public DockerImages images() {
        return this;
    }

    @Override
    public ImageBuilds builds() {
        return this;
    }

    @Override
    public DockerContainers containers() {
        return this;
    }

    @Override
    public DockerRegistry registry() {
        return this;
    }

    @Override
    public boolean answers() {
        return answering;
    }

    @Override
    public void close() {
    }

    private void checkAnswering() throws DaemonUnavailableException {
        if (!answering) {
            throw new DaemonUnavailableException("The Docker daemon at fake://daemon stopped answering.", null);
        }
    }

    // --- images ---

    @Override
    public Optional<ImageInfo> inspect(String reference) throws DockerException {
        checkAnswering();
        if (images.containsKey(reference)) {
            return Optional.of(images.get(reference));
        }
        return images.values().stream().filter(i -> i.repoTags().contains(reference) || i.id().startsWith("sha256:" + reference))
                .findFirst();
    }

    @Override
    public void pull(String reference, Optional<Credentials> credentials, Consumer<String> progress) throws DockerException {
        checkAnswering();
        pulled.add(reference);
        pullCredentials.add(credentials);
        throw new ImageNotAvailableException("dial tcp: lookup registry-1.docker.io: no such host", null);
    }

    @Override
    public List<BuiltImage.HistoryEntry> history(String imageId) throws DockerException {
        checkAnswering();
        return List.of(new BuiltImage.HistoryEntry("ENTRYPOINT", 0), new BuiltImage.HistoryEntry("base", images.get(imageId).sizeBytes()));
    }

    @Override
    public void tag(String imageId, String reference) throws DockerException {
        checkAnswering();
        ImageInfo image = inspect(imageId).orElseThrow();
        tagImage(image.id(), image.sizeBytes(), image.labels(), Set.of(reference));
    }

    @Override
    public boolean removeIfUnused(String imageId) {
        ImageInfo image = images.get(imageId);
        if (image == null || !image.repoTags().isEmpty()) {
            return false;
        }
        images.remove(imageId);
        removedImages.add(imageId);
        return true;
    }

    // --- builds ---

    @Override
    public BuildResult build(InputStream context, Set<String> tags, boolean noCache, Consumer<String> output) throws DockerException {
        checkAnswering();
        try {
            lastContext = context.readAllBytes();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return buildBehaviour.build(lastContext, tags, output);
    }

    // --- containers ---

    @Override
    public StartedContainer start(ContainerSpec spec) throws DockerException {
        checkAnswering();
        String id = String.format("%064x", 1000 + nextId++);
        started.add(spec);
        containers.put(id, spec.labels());
        startedAt.put(id, System.currentTimeMillis());
        return new StartedContainer(id, spec.publishTcpPort().isPresent() ? OptionalInt.of(1) : OptionalInt.empty(), "127.0.0.1");
    }

    @Override
    public ContainerState state(String containerId) throws DockerException {
        checkAnswering();
        long ranFor = System.currentTimeMillis() - startedAt.getOrDefault(containerId, 0L);
        boolean running = ranFor < containerScript.runsForMillis();
        return new ContainerState(running, running ? -1 : containerScript.exitCode());
    }

    @Override
    public String logs(String containerId) throws DockerException {
        checkAnswering();
        return containerScript.output();
    }

    @Override
    public void remove(String containerId) throws DockerException {
        checkAnswering();
        containers.remove(containerId);
        removedContainers.add(containerId);
    }

    /** Files of every image, by path, for {@link #fileSizes}; each call is recorded in {@link #fileSizeReads}. */
    public final Map<String, Long> files = new LinkedHashMap<>();
    public final List<String> fileSizeReads = new ArrayList<>();

    @Override
    public Map<String, Long> fileSizes(String image, List<String> paths) throws DockerException {
        checkAnswering();
        fileSizeReads.add(image);
        Map<String, Long> sizes = new LinkedHashMap<>();
        paths.stream().filter(files::containsKey).forEach(p -> sizes.put(p, files.get(p)));
        return sizes;
    }

    @Override
    public List<String> withLabel(String key, String value) throws DockerException {
        checkAnswering();
        return containers.entrySet().stream().filter(e -> value.equals(e.getValue().get(key))).map(Map.Entry::getKey).toList();
    }

    // --- registry (added for push) ---

    /** What a push does: returns the digest or throws. */
    @FunctionalInterface
    public interface PushBehaviour {
        String push(String reference, Optional<Credentials> credentials, Consumer<String> progress) throws DockerException;
    }

    public final List<Optional<Credentials>> pullCredentials = new ArrayList<>();
    public final Map<String, Optional<Credentials>> pushes = new LinkedHashMap<>();
    public PushBehaviour pushBehaviour = (reference, credentials, progress) -> {
        progress.accept("abc123: Pushed");
        return "sha256:" + "d".repeat(64);
    };

    @Override
    public String push(String reference, Optional<Credentials> credentials, Consumer<String> progress) throws DockerException {
        checkAnswering();
        pushes.put(reference, credentials);
        return pushBehaviour.push(reference, credentials, progress);
    }
}
