package dev.slimimage.registry;

import java.util.Locale;

/** The registry part of image references and of Docker config keys, as Docker reads them. */
public final class RegistryHost {

    /** Docker Hub as image references name it. */
    public static final String DOCKER_HUB = "docker.io";
    /** Docker Hub as ~/.docker/config.json names it. */
    public static final String DOCKER_HUB_CONFIG_KEY = "https://index.docker.io/v1/";

    private RegistryHost() {
    }

    /**
     * The registry of an image reference: the first path component when it has a dot or a colon or is
     * {@code localhost}, else Docker Hub ({@code app:1}, {@code library/app}).
     */
    public static String of(String reference) {
        int slash = reference.indexOf('/');
        if (slash < 0) {
            return DOCKER_HUB;
        }
        String first = reference.substring(0, slash);
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return normalize(first);
        }
        return DOCKER_HUB;
    }

    /** A config key or server URL without scheme and path: {@code https://127.0.0.1:5001/v2/} → {@code 127.0.0.1:5001}. */
    public static String normalize(String key) {
        String host = key.strip();
        int scheme = host.indexOf("://");
        if (scheme >= 0) {
            host = host.substring(scheme + 3);
        }
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("index.docker.io") || host.equals("registry-1.docker.io") || host.equals("registry.hub.docker.com")) {
            return DOCKER_HUB;
        }
        return host;
    }

    /** The key Docker's own tools use for a registry in config.json and with credential helpers. */
    public static String configKey(String registry) {
        return DOCKER_HUB.equals(registry) ? DOCKER_HUB_CONFIG_KEY : registry;
    }
}
