package dev.slimimage.pipeline;

import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.modules.ModuleSet;
import dev.slimimage.plan.ImagePlan;
import java.nio.file.Path;
import java.util.Optional;

/** A written build context: the Dockerfile and the layer directories under {@code contextDirectory}. */
public record StagedContext(ImagePlan plan, Dockerfile dockerfile, Optional<ModuleSet> modules, Path contextDirectory,
                            Path dockerfilePath) {
}
