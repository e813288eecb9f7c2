package dev.slimimage.docker;

import dev.slimimage.json.Json;
import java.util.Locale;
import java.util.Map;

/**
 * The engine behind a daemon address, as its {@code /version} tells.
 *
 * @param name {@code Docker} or {@code Podman}
 * @param version the engine's version, e.g. {@code 20.10.24} or {@code 4.3.1}
 * @param apiVersion the Docker Engine API version it speaks, e.g. {@code 1.41}
 * @param host the address the plugin talks to
 * @param remote reached over the network ({@code tcp://}) rather than a local socket
 */
public record DaemonEngine(String name, String version, String apiVersion, String host, boolean remote) {

    public static final String DOCKER = "Docker";
    public static final String PODMAN = "Podman";

    /** From the daemon's {@code /version}: Podman's Docker-compatible API names itself in the components ("Podman Engine"). */
    static DaemonEngine of(Map<String, Object> version, String host) {
        String name = DOCKER;
        String engineVersion = Json.text(version.get("Version"), "unknown");
        for (Object component : Json.array(version.get("Components"))) {
            String componentName = Json.text(Json.object(component).get("Name"), "");
            if (componentName.toLowerCase(Locale.ROOT).contains("podman")) {
                name = PODMAN;
                engineVersion = Json.text(Json.object(component).get("Version"), engineVersion);
            }
        }
        return new DaemonEngine(name, engineVersion, Json.text(version.get("ApiVersion"), "unknown"), host, isRemote(host));
    }

    static boolean isRemote(String host) {
        return host.toLowerCase(Locale.ROOT).startsWith("tcp://");
    }

    /** {@code Podman 4.3.1 (API 1.41, local) at unix:///run/podman/podman.sock}. */
    public String describe() {
        return name + " " + version + " (API " + apiVersion + ", " + (remote ? "remote" : "local") + ") at " + host;
    }
}
