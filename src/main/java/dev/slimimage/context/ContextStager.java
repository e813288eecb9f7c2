package dev.slimimage.context;

import dev.slimimage.plan.ImagePlan;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.dockerfile.DockerfileGenerator;

import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.Layer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Writes the build context: the Dockerfile and one directory per layer holding exactly the files of that layer.
 *
 * <p>The layer directories are staged fresh every time, and every file and directory gets the same timestamp and
 * permissions, so that unchanged inputs produce byte-identical layers (same digests, nothing re-pushed) while the
 * builder still sees changed content, which it compares by checksum.
 */
public final class ContextStager {

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

    /** Stages the context under {@code contextDirectory} and returns the path of the Dockerfile written there. */
    public Path stage(ImagePlan plan, Dockerfile dockerfile, Path contextDirectory) throws IOException {
        stageLayers(plan, contextDirectory);
        return writeDockerfile(dockerfile, contextDirectory);
    }

    /** Writes the Dockerfile into the context, replacing the previous one. */
    public Path writeDockerfile(Dockerfile dockerfile, Path contextDirectory) throws IOException {
        Path dockerfilePath = contextDirectory.resolve("Dockerfile");
        Files.writeString(dockerfilePath, dockerfile.render(), StandardCharsets.UTF_8);
        return dockerfilePath;
    }

    /** Writes one directory per layer under {@code contextDirectory/layers}, removing what an earlier build left there. */
    public void stageLayers(ImagePlan plan, Path contextDirectory) throws IOException {
        Path layersRoot = contextDirectory.resolve(DockerfileGenerator.LAYERS_DIRECTORY);
        deleteRecursively(layersRoot);
        Files.createDirectories(layersRoot);
        FileTime timestamp = FileTime.from(plan.fileTimestamp());
        Map<Path, JarFile> openJars = new HashMap<>();
        try {
            for (Layer layer : plan.app().layers()) {
                Path layerRoot = layersRoot.resolve(layer.name());
                for (ImageFile file : layer.files()) {
                    Path target = layerRoot.resolve(file.imagePath().substring(1));
                    if (!isBelow(target, layerRoot) || !isBelow(layerRoot, layersRoot)) {
                        throw new IOException(file.imagePath() + " of layer '" + layer.name() + "' (from " + describe(file.source())
                                + ") would be written outside " + layerRoot.normalize() + ": a jar entry or layer name with '..' "
                                + "cannot go into an image; rebuild the jar without it.");
                    }
                    Files.createDirectories(target.getParent());
                    copy(file.source(), target, openJars);
                    setAttributes(target, FILE_MODE, timestamp);
                }
                fixDirectories(layerRoot, timestamp);
            }
        } finally {
            for (JarFile jar : openJars.values()) {
                jar.close();
            }
        }
    }

    private static void copy(FileSource source, Path target, Map<Path, JarFile> openJars) throws IOException {
        if (source instanceof FileSource.OnDisk disk) {
            Files.copy(disk.file(), target, StandardCopyOption.REPLACE_EXISTING);
        } else if (source instanceof FileSource.InJar inJar) {
            JarFile jar = openJar(openJars, inJar.jar());
            ZipEntry entry = jar.getEntry(inJar.entry());
            if (entry == null) {
                throw new IOException(inJar.jar() + " no longer has " + inJar.entry() + "; it changed during the build");
            }
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Whether {@code path} lies strictly below {@code root}, after resolving any "..". */
    private static boolean isBelow(Path path, Path root) {
        Path p = path.normalize();
        Path r = root.normalize();
        return p.startsWith(r) && !p.equals(r);
    }

    private static String describe(FileSource source) {
        return source instanceof FileSource.InJar inJar ? inJar.jar() + "!" + inJar.entry() : String.valueOf(source);
    }

    private static JarFile openJar(Map<Path, JarFile> openJars, Path jar) throws IOException {
        try {
            return openJars.computeIfAbsent(jar, p -> {
                try {
                    return new JarFile(p.toFile(), false);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Directory times are set last: writing a child would otherwise move them. */
    private static void fixDirectories(Path root, FileTime timestamp) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                setAttributes(dir, DIR_MODE, timestamp);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void setAttributes(Path path, Set<PosixFilePermission> mode, FileTime timestamp) throws IOException {
        Files.setPosixFilePermissions(path, mode);
        Files.setLastModifiedTime(path, timestamp);
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
