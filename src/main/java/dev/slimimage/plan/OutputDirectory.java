package dev.slimimage.plan;

import java.nio.file.Path;

/** Where the Dockerfile and its context are written: always strictly inside the build directory. */
public final class OutputDirectory {

    private OutputDirectory() {}

    /**
     * @return the output directory to write to
     * @throws ConfigurationException when it is not strictly inside {@code buildDirectory}
     */
    public static Path inside(Path buildDirectory, Path outputDirectory) throws ConfigurationException {
        Path build = buildDirectory.toAbsolutePath().normalize();
        Path out = outputDirectory.toAbsolutePath().normalize();
        if (!out.startsWith(build) || out.equals(build)) {
            throw new ConfigurationException("outputDirectory", outputDirectory.toString(), "outputDirectory " + out
                    + " is not inside the build directory " + build,
                    "slim only writes below target/ so it can never overwrite files you keep; choose a directory there");
        }
        return out;
    }
}
