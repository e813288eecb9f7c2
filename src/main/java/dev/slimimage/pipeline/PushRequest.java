package dev.slimimage.pipeline;

import dev.slimimage.registry.CredentialResolver;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One push, fully decided: the image build made (described by {@code image.json} in the context directory), the
 * daemon, and where credentials come from.
 *
 * @param contextDirectory the build's output directory, where build wrote {@code image.json}
 * @param image the configured image reference, to check that image.json describes it
 */
public record PushRequest(Path contextDirectory, String image, Optional<String> dockerHost, CredentialResolver credentials) {
}
