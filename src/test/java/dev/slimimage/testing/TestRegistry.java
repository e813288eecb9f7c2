package dev.slimimage.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The registries scripts/ensure-registry.sh starts: plain on 127.0.0.1:5000, basic auth on :5001, read-only on :5002,
 * TLS on :5443; and, where the daemon checks certificates, TLS on 198.51.100.10:5443 (CA not trusted by the daemon) and
 * :5444 (CA in /etc/docker/certs.d). The password is random per machine; it is read from the script's directory.
 */
public final class TestRegistry {

    public static final String PLAIN = "127.0.0.1:5000";
    public static final String AUTH = "127.0.0.1:5001";
    public static final String TLS = "127.0.0.1:5443";
    public static final String READ_ONLY = "127.0.0.1:5002";
    public static final String UNTRUSTED = "198.51.100.10:5443";
    public static final String TRUSTED = "198.51.100.10:5444";

    private TestRegistry() {
    }

    public static Path directory() {
        String dir = System.getenv("SLIM_REGISTRY_DIR");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir);
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        return root ? Path.of("/var/lib/slim-registry") : Path.of(System.getProperty("java.io.tmpdir"), "slim-registry");
    }

    public static String username() throws IOException {
        return Files.readString(directory().resolve("username")).strip();
    }

    public static String password() throws IOException {
        return Files.readString(directory().resolve("password")).strip();
    }

    /** The manifest digest the registry's API gives for repository:tag (Docker-Content-Digest), plain or auth registry. */
    public static String manifestDigest(String registry, String repository, String tag) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json");
        if (registry.equals(AUTH)) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username() + ":" + password())
                    .getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<Void> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " for " + repository + ":" + tag + " on " + registry);
        }
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }
}
