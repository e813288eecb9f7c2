package dev.slimimage.docker;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.slimimage.registry.Credentials;
import dev.slimimage.registry.RegistryHost;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/** The DockerImages facet through docker-java. */
record DockerJavaImages(DockerJavaDaemon daemon) implements DockerImages {

    static final long PULL_TIMEOUT_SECONDS = 600;


    @Override
    public Optional<ImageInfo> inspect(String reference) throws DockerException {
        return daemon.call("inspecting " + reference, () -> {
            try {
                return Optional.of(info(daemon.client().inspectImageCmd(reference).exec()));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        });
    }

    static ImageInfo info(InspectImageResponse inspected) {
        var config = inspected.getConfig();
        Map<String, String> labels = config == null || config.getLabels() == null ? Map.of() : new HashMap<>(config.getLabels());
        labels.values().removeIf(v -> v == null);
        List<String> ports = new ArrayList<>();
        if (config != null && config.getExposedPorts() != null) {
            for (ExposedPort port : config.getExposedPorts()) {
                ports.add(port.getPort() + "/" + port.getProtocol().toString().toLowerCase(java.util.Locale.ROOT));
            }
        }
        List<String> diffIds = inspected.getRootFS() == null || inspected.getRootFS().getLayers() == null ? List.of()
                : inspected.getRootFS().getLayers();
        Map<String, String> env = new HashMap<>();
        if (config != null && config.getEnv() != null) {
            for (String entry : config.getEnv()) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    env.put(entry.substring(0, equals), entry.substring(equals + 1));
                }
            }
        }
        return new ImageInfo(inspected.getId(), inspected.getSize() == null ? 0 : inspected.getSize(),
                inspected.getRepoTags() == null ? List.of() : inspected.getRepoTags().stream().map(Dialects::familiarName).toList(),
                labels, ports, diffIds, env);
    }

    @Override
    public void pull(String reference, Optional<Credentials> credentials, Consumer<String> progress) throws DockerException {
        AtomicReference<String> registryError = new AtomicReference<>();
        QuietCallback<PullResponseItem> callback = new QuietCallback<>(item -> {
            if (item.isErrorIndicated()) {
                registryError.compareAndSet(null, item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError());
            } else if (item.getStatus() != null && item.getProgressDetail() == null) {
                progress.accept((item.getId() == null ? "" : item.getId() + ": ") + item.getStatus());
            }
        });
        try {
            // Always our own AuthConfig (empty: anonymous), never docker-java's own reading of the Docker config.
            daemon.client().pullImageCmd(reference).withAuthConfig(DockerJavaRegistry.authConfig(RegistryHost.of(reference), credentials))
                    .exec(callback);
            if (!callback.await(PULL_TIMEOUT_SECONDS)) {
                callback.close();
                throw new ImageNotAvailableException("no answer from the registry within " + PULL_TIMEOUT_SECONDS / 60 + " minutes", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageNotAvailableException("interrupted", e);
        } catch (RuntimeException e) {
            callback.onError(e);
        }
        Throwable failed = callback.error();
        if (failed != null && !daemon.answers()) {
            throw daemon.unavailable("pulling " + reference, failed);
        }
        if (failed != null || registryError.get() != null) {
            throw new ImageNotAvailableException(registryError.get() != null ? registryError.get() : DaemonFailures.rootMessage(failed),
                    failed);
        }
    }

    // docker-java has no history command; the Engine API's GET /images/{name}/history is small and stable.
    @Override
    public List<BuiltImage.HistoryEntry> history(String imageId) throws DockerException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/images/" + imageId + "/history")
                .build();
        try (DockerHttpClient.Response response = daemon.http().execute(request); InputStream body = response.getBody()) {
            if (response.getStatusCode() != 200) {
                throw new IOException("HTTP " + response.getStatusCode());
            }
            return UnixSocketDaemon.historyOf(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw daemon.failure("reading the history of image " + imageId, e);
        }
    }

    @Override
    public void tag(String imageId, String reference) throws DockerException {
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        String repository = colon > slash ? reference.substring(0, colon) : reference;
        String tag = colon > slash ? reference.substring(colon + 1) : "latest";
        daemon.call("tagging " + imageId + " as " + reference, () -> {
            daemon.client().tagImageCmd(imageId, repository, tag).withForce(true).exec();
            return null;
        });
    }

    @Override
    public boolean removeIfUnused(String imageId) {
        try {
            daemon.client().removeImageCmd(imageId).withForce(false).withNoPrune(false).exec();
            return true;
        } catch (NotFoundException | ConflictException inUse) {
            return false;
        } catch (RuntimeException e) {
            // A daemon that refuses for another reason keeps the image; it is only housekeeping.
            return false;
        }
    }
}
