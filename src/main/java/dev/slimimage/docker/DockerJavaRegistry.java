package dev.slimimage.docker;

import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import dev.slimimage.registry.Credentials;
import dev.slimimage.registry.RegistryHost;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The DockerRegistry facet through docker-java. */
record DockerJavaRegistry(DockerJavaDaemon daemon) implements DockerRegistry {

    static final long PUSH_TIMEOUT_SECONDS = 1800;
    private static final Pattern DIGEST_STATUS = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    @Override
    public String push(String reference, Optional<Credentials> credentials, Consumer<String> progress) throws DockerException {
        String registry = RegistryHost.of(reference);
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        String repository = colon > slash ? reference.substring(0, colon) : reference;
        String tag = colon > slash ? reference.substring(colon + 1) : "latest";

        AtomicReference<String> registryError = new AtomicReference<>();
        AtomicReference<String> digest = new AtomicReference<>();
        Map<String, String> layerStates = new HashMap<>();
        QuietCallback<PushResponseItem> callback = new QuietCallback<>(item -> {
            if (item.isErrorIndicated()) {
                registryError.compareAndSet(null, errorText(item));
                return;
            }
            ResponseItem.AuxDetail aux = item.getAux();
            if (aux != null && aux.getDigest() != null) {
                digest.set(aux.getDigest());
            }
            String status = item.getStatus();
            if (status == null) {
                return;
            }
            Matcher m = DIGEST_STATUS.matcher(status);
            if (m.find()) {
                digest.compareAndSet(null, m.group(1));
                return;
            }
            String id = item.getId();
            if (id == null) {
                progress.accept(status);
            } else if (!status.equals(layerStates.put(id, status))) {
                // One line per state change of a layer (Preparing, Waiting, Pushing, Pushed…), never one per chunk.
                progress.accept(id + ": " + status);
            }
        });
        try {
            daemon.client().pushImageCmd(repository).withTag(tag).withAuthConfig(authConfig(registry, credentials)).exec(callback);
            if (!callback.await(PUSH_TIMEOUT_SECONDS)) {
                callback.close();
                throw new RegistryUnreachableException("The push of " + reference + " got no answer within " + PUSH_TIMEOUT_SECONDS / 60
                        + " minutes: check the connection to " + registry + " and push again.", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushFailedException("Interrupted while pushing " + reference + ".", e);
        } catch (RuntimeException e) {
            callback.onError(e);
        }
        Throwable failed = callback.error();
        if (failed != null && !daemon.answers()) {
            throw daemon.unavailable("pushing " + reference, failed);
        }
        String message = registryError.get() != null ? registryError.get() : failed != null ? DaemonFailures.rootMessage(failed) : null;
        if (message != null) {
            if (message.contains("No such image") || message.contains("does not exist locally")) {
                throw new PushFailedException("The image " + reference + " is not on the Docker daemon at " + daemon.host()
                        + ": build it first (mvn package slim:push, or slim:build before slim:push).", null);
            }
            throw PushFailures.failure("pushing " + reference, reference, registry, credentials, message);
        }
        if (digest.get() == null) {
            // Nothing half-done is reported as done: without the registry's digest the push is not proven.
            throw new PushFailedException("The push of " + reference + " ended without the registry reporting a manifest digest: "
                    + "push again, and check with docker push " + reference + ".", null);
        }
        return digest.get();
    }

    private static String errorText(ResponseItem item) {
        if (item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null) {
            return item.getErrorDetail().getMessage();
        }
        return item.getError();
    }

    /**
     * Always an explicit AuthConfig: without one docker-java falls back to its own reading of the Docker config, which
     * would bypass the resolution order and its log line. Empty means anonymous.
     */
    static AuthConfig authConfig(String registry, Optional<Credentials> credentials) {
        AuthConfig auth = new AuthConfig().withRegistryAddress(RegistryHost.configKey(registry));
        credentials.ifPresent(c -> {
            if (c.isIdentityToken()) {
                auth.withIdentityToken(c.secret());
            } else {
                auth.withUsername(c.username()).withPassword(c.secret());
            }
        });
        return auth;
    }
}
