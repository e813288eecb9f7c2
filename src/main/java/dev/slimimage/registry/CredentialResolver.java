package dev.slimimage.registry;

import java.util.List;
import java.util.Optional;

/** Asks the sources in order and takes the first that has credentials for the registry. */
public final class CredentialResolver {

    private final List<CredentialSource> sources;

    public CredentialResolver(List<CredentialSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /** No credentials from anywhere: for registries that need none. */
    public static CredentialResolver none() {
        return new CredentialResolver(List.of());
    }

    public Optional<Credentials> find(String registry) throws CredentialException {
        for (CredentialSource source : sources) {
            Optional<Credentials> found = source.find(registry);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
