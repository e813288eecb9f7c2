package dev.slimimage.docker;

import dev.slimimage.registry.Credentials;
import java.util.Optional;
import java.util.function.Consumer;

/** Pushing images from the daemon to registries. */
public interface DockerRegistry {

    /**
     * Pushes {@code reference} (registry/repository:tag) with {@code credentials} (none: anonymous), reporting one line
     * per layer state change to {@code progress}.
     *
     * @return the manifest digest the registry reports, {@code sha256:…}
     * @throws PushFailedException when the registry refuses (credentials, name, trust); the message says how to fix it
     * @throws RegistryUnreachableException when the daemon cannot reach the registry
     */
    String push(String reference, Optional<Credentials> credentials, Consumer<String> progress) throws DockerException;
}
