package dev.slimimage.context;

import dev.slimimage.dockerfile.DockerfileGenerator;

import dev.slimimage.analysis.ReadFailure;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The project's inputs cannot be staged as they are: its jar or a dependency jar cannot be read or is gone, or the
 * jar holds entries that cannot all be in an image. The message is one sentence that names the file (and entry), the
 * cause and the fix, for the user to act on. Everything else that fails while staging (writing under target/) is a
 * plain {@link IOException}; catch this one first.
 */
public final class StagingException extends IOException {

    private StagingException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A file the plugin writes from its own jar cannot be read there. */
    static StagingException pluginIncomplete(IOException cause) {
        return new StagingException(cause.getMessage(), cause);
    }

    /** A file copied into the image whole, a dependency jar, cannot be read. */
    static StagingException unreadableFile(Path file, IOException cause) {
        return new StagingException(file + " " + ReadFailure.problem(cause) + "; " + ReadFailure.dependencyFix(cause) + ".", cause);
    }

    /** The project's jar, or the entry {@code entry} of it when not null, cannot be read. */
    static StagingException unreadableJar(Path jar, String entry, IOException cause) {
        String subject = entry == null ? jar.toString() : "The entry '" + entry + "' of " + jar;
        return new StagingException(subject + " " + ReadFailure.problem(cause) + "; " + ReadFailure.projectJarFix(cause) + ".",
                cause);
    }

    static StagingException missingEntry(Path jar, String entry) {
        return new StagingException(jar + " no longer holds the entry '" + entry + "': it changed during the build; rebuild it "
                + "with mvn clean package.", null);
    }

    /** {@code file} of {@code jar} is a file, and {@code below} lies under it as if it were a directory. */
    static StagingException fileAndDirectory(Path jar, String file, String below) {
        return new StagingException(jar + " holds both a file '" + file + "' and entries below '" + file + "/' (such as '"
                + below + "'), which cannot both be in the image; rebuild the jar without the clash.", null);
    }

    /** Two different inputs put a file at {@code imagePath} and another file below it. */
    static StagingException fileAndDirectory(String imagePath, String fileOrigin, String belowPath, String belowOrigin) {
        return new StagingException(imagePath + " would be both a file (from " + fileOrigin + ") and the directory holding "
                + belowPath + " (from " + belowOrigin + ") in the image; remove one of them from the project.", null);
    }

    static StagingException outside(String imagePath, String layer, String origin, Path layerRoot) {
        return new StagingException(imagePath + " of layer '" + layer + "' (from " + origin + ") would be written outside "
                + layerRoot.normalize() + ": a jar entry or layer name with '..' cannot go into an image; rebuild the jar without it.",
                null);
    }

    /** The plugin stages the container's working directory under this layer name. */
    static StagingException reservedLayerName(String layer) {
        return new StagingException("The jar names a layer '" + layer + "', which the plugin uses for "
                + (layer.equals(DockerfileGenerator.WORKING_DIRECTORY_LAYER) ? "the container's working directory"
                : "the startup cache's training directory") + "; rename that layer in the layers configuration (Spring Boot's "
                + "layers.xml) and rebuild the jar.", null);
    }
}
