package dev.slimimage.registry;

import java.util.Objects;

/**
 * A user name and secret for one registry, and where they came from. The secret never leaves through
 * {@link #toString()}: logs and messages name only the {@link #source()}.
 *
 * @param username the user name, or {@code <token>} with an identity token as secret (credential helpers)
 * @param secret the password or token
 * @param source where they were found, for the log, e.g. {@code settings.xml server '127.0.0.1:5001'}
 */
public record Credentials(String username, String secret, String source) {

    /** The user name credential helpers give when the secret is an identity token (Docker's protocol). */
    public static final String TOKEN_USER = "<token>";

    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(source, "source");
    }

    /** Whether the secret is an identity token rather than a password. */
    public boolean isIdentityToken() {
        return TOKEN_USER.equals(username);
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", secret=****, source=" + source + "]";
    }
}
