package dev.slimimage.pipeline;

import dev.slimimage.docker.ImageIds;
import dev.slimimage.docker.DockerConnector;
import dev.slimimage.docker.DockerDaemon;
import dev.slimimage.docker.DockerException;
import dev.slimimage.docker.ImageInfo;
import dev.slimimage.docker.PushFailedException;
import dev.slimimage.registry.CredentialException;
import dev.slimimage.registry.Credentials;
import dev.slimimage.registry.RegistryHost;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one entry point of a push, without Maven: push every tag of the image the build made, with the first
 * credentials found for each registry, and record each manifest digest in image.json as the registry reported it.
 */
public final class ImagePusher {

    private final DockerConnector connector;

    public ImagePusher(DockerConnector connector) {
        this.connector = connector;
    }

    /**
     * @return image.json as written after the push, with a digest for every tag
     * @throws PushFailedException when the image was not built, or a registry refused; image.json then lists only
     *                             the references that were pushed
     * @throws IOException when image.json cannot be written
     */
    public ImageJson push(PushRequest request, BuildLog log) throws DockerException, IOException {
        Path file = request.contextDirectory().resolve(ImageJson.FILE);
        ImageJson built = builtImage(file, request.image());
        try (DockerDaemon daemon = connector.connect(request.dockerHost())) {
            log.info(daemon.choice());
            for (String tag : built.tags()) {
                Optional<ImageInfo> present = daemon.images().inspect(tag);
                if (present.isEmpty() || !ImageIds.same(present.get().id(), built.imageId())) {
                    throw new PushFailedException("The image " + tag + " that the last build made is "
                            + (present.isEmpty() ? "no longer on the Docker daemon at " + daemon.host()
                                    : "no longer what that tag names on the Docker daemon at " + daemon.host())
                            + ": build it again before pushing (mvn package slim:push).", null);
                }
            }
            // Digests of an earlier push are not this push's: start from none.
            built = built.withPushed(Map.of());
            built.write(file);
            Map<String, String> pushed = new LinkedHashMap<>();
            Map<String, Optional<Credentials>> byRegistry = new HashMap<>();
            for (String tag : built.tags()) {
                String registry = RegistryHost.of(tag);
                Optional<Credentials> credentials = byRegistry.get(registry);
                if (credentials == null) {
                    credentials = credentials(request, registry);
                    byRegistry.put(registry, credentials);
                }
                log.info("Pushing " + tag + " to " + registry + credentials.map(c -> " with the credentials from " + c.source())
                        .orElse(" without credentials (none found for " + registry
                                + " in slim.registry.username/password, settings.xml or the Docker config)"));
                String digest = daemon.registry().push(tag, credentials, line -> log.buildOutput(line));
                pushed.put(tag, digest);
                built = built.withPushed(pushed);
                built.write(file);
                log.info("Pushed " + tag + "@" + digest);
            }
            return built;
        }
    }

    private static Optional<Credentials> credentials(PushRequest request, String registry) throws PushFailedException {
        try {
            return request.credentials().find(registry);
        } catch (CredentialException e) {
            throw new PushFailedException(e.getMessage(), null);
        }
    }

    private static ImageJson builtImage(Path file, String image) throws PushFailedException {
        ImageJson built;
        try {
            built = ImageJson.read(file);
        } catch (NoSuchFileException e) {
            throw new PushFailedException("The image " + image + " has not been built yet (no " + file + "): build it first, "
                    + "e.g. mvn package slim:push, or mvn slim:build slim:push.", null);
        } catch (IOException e) {
            throw new PushFailedException("The build's description " + file + " cannot be read (" + e.getMessage() + "): build "
                    + "the image again before pushing.", null);
        }
        if (!built.image().equals(image)) {
            throw new PushFailedException("The last build made " + built.image() + ", not " + image + " (see " + file + "): build "
                    + "again with the current configuration before pushing.", null);
        }
        return built;
    }

}
