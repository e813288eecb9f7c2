package dev.slimimage.registry;

import java.util.Optional;

/** One place credentials can come from (explicit parameters, settings.xml, the Docker config). */
@FunctionalInterface
public interface CredentialSource {

    /**
     * The credentials this source has for {@code registry} (a host, or host:port), if any.
     *
     * @throws CredentialException when the source exists but cannot be used (unreadable file, failing helper)
     */
    Optional<Credentials> find(String registry) throws CredentialException;
}
