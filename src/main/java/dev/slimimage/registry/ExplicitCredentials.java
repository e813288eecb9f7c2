package dev.slimimage.registry;

import java.util.Optional;

/**
 * The user name and password given as parameters or properties ({@code slim.registry.username} / {@code password}),
 * typically CI secrets from environment variables. They serve every registry the build talks to.
 */
public record ExplicitCredentials(String username, String password) implements CredentialSource {

    public static final String SOURCE = "slim.registry.username/slim.registry.password";

    /**
     * @throws CredentialException when only one of the two is set
     */
    public static CredentialSource of(String username, String password) throws CredentialException {
        boolean hasUser = username != null && !username.isBlank();
        boolean hasPassword = password != null && !password.isEmpty();
        if (hasUser != hasPassword) {
            throw new CredentialException("Only the registry " + (hasUser ? "user name" : "password") + " is set: set both "
                    + "slim.registry.username and slim.registry.password (e.g. -Dslim.registry.username=$REGISTRY_USER "
                    + "-Dslim.registry.password=$REGISTRY_PASSWORD), or neither to use settings.xml or the Docker config.");
        }
        return hasUser ? new ExplicitCredentials(username.strip(), password) : registry -> Optional.empty();
    }

    @Override
    public Optional<Credentials> find(String registry) {
        return Optional.of(new Credentials(username, password, SOURCE));
    }

    @Override
    public String toString() {
        return "ExplicitCredentials[username=" + username + ", password=****]";
    }
}
