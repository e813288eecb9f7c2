package dev.slimimage.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from Docker's own config, as {@code docker login} leaves them: {@code $DOCKER_CONFIG/config.json} (default
 * {@code ~/.docker/config.json}). For a registry it asks, like the Docker CLI, first the helper named in
 * {@code credHelpers}, then the {@code credsStore} helper, then the {@code auths} entry.
 */
public final class DockerConfigCredentials implements CredentialSource {

    private final Path configFile;
    private final CredentialHelper helpers;

    public DockerConfigCredentials(Path configFile, CredentialHelper helpers) {
        this.configFile = configFile;
        this.helpers = helpers;
    }

    /** The config file Docker reads: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
    public static Path configFile(Map<String, String> environment, String userHome) {
        String dir = environment.get("DOCKER_CONFIG");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir, "config.json");
        }
        return Path.of(userHome, ".docker", "config.json");
    }

    @Override
    public Optional<Credentials> find(String registry) throws CredentialException {
        if (!Files.isRegularFile(configFile)) {
            return Optional.empty();
        }
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(Files.readString(configFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CredentialException("The Docker config " + configFile + " cannot be read (" + firstLine(e.getMessage())
                    + "): fix the file (docker login rewrites it), or point DOCKER_CONFIG at another directory.");
        }
        if (config == null || !config.isObject()) {
            return Optional.empty();
        }
        String helper = entry(config.path("credHelpers"), registry).map(JsonNode::asText).orElse(null);
        if (helper != null && !helper.isBlank()) {
            return helpers.get(helper, registry, "credential helper docker-credential-" + helper + " (credHelpers in " + configFile + ")");
        }
        String store = config.path("credsStore").asText("");
        if (!store.isBlank()) {
            Optional<Credentials> stored = helpers.get(store, registry,
                    "credential store docker-credential-" + store + " (credsStore in " + configFile + ")");
            if (stored.isPresent()) {
                return stored;
            }
        }
        Optional<JsonNode> auth = entry(config.path("auths"), registry);
        if (auth.isEmpty()) {
            return Optional.empty();
        }
        return fromAuthEntry(auth.get(), registry);
    }

    private Optional<Credentials> fromAuthEntry(JsonNode entry, String registry) throws CredentialException {
        String source = "auths in " + configFile;
        String token = entry.path("identitytoken").asText("");
        if (!token.isEmpty()) {
            return Optional.of(new Credentials(Credentials.TOKEN_USER, token, source));
        }
        String encoded = entry.path("auth").asText("");
        if (!encoded.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new CredentialException("The auths entry for " + registry + " in " + configFile + " is not valid base64: run "
                        + "docker login " + registry + " again to rewrite it.");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new CredentialException("The auths entry for " + registry + " in " + configFile + " is not user:password: "
                        + "run docker login " + registry + " again to rewrite it.");
            }
            return Optional.of(new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1), source));
        }
        String user = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        if (!user.isEmpty() && !password.isEmpty()) {
            return Optional.of(new Credentials(user, password, source));
        }
        return Optional.empty();
    }

    /** The entry whose key names {@code registry}, keys compared as Docker does (scheme and path ignored). */
    private static Optional<JsonNode> entry(JsonNode object, String registry) {
        if (!object.isObject()) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (RegistryHost.normalize(field.getKey()).equals(registry)) {
                return Optional.of(field.getValue());
            }
        }
        return Optional.empty();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
