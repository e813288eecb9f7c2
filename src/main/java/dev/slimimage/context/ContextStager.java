package dev.slimimage.context;

import dev.slimimage.json.Json;
import dev.slimimage.json.JsonFiles;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.StartupCache;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.dockerfile.DockerfileGenerator;

import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.Layer;
import dev.slimimage.analysis.ServletContainer;
import dev.slimimage.analysis.ReadFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes the build context: the Dockerfile and one directory per layer holding exactly the files of that layer.
 *
 * <p>The layer directories hold exactly the plan's files (what is kept from an earlier staging is only what a fresh one
 * would write again), and every file and directory gets the same timestamp and
 * permissions, so that unchanged inputs produce byte-identical layers (same digests, nothing re-pushed) while the
 * builder still sees changed content, which it compares by checksum.
 */
public final class ContextStager {

    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final int BUFFER = 64 * 1024;
    /** In the cache directory: what each staged file under layers/ was staged from, by its path below layers/. */
    public static final String STAGED_RECORD_FILE = "staged-files.json";

    /** Writes the Dockerfile into the context, replacing the previous one. */
    public Path writeDockerfile(Dockerfile dockerfile, Path contextDirectory) throws IOException {
        Path dockerfilePath = contextDirectory.resolve("Dockerfile");
        Files.writeString(dockerfilePath, dockerfile.render(), StandardCharsets.UTF_8);
        return dockerfilePath;
    }

    /**
     * Writes one directory per layer under {@code contextDirectory/layers}, removing what an earlier build left there.
     *
     * @throws StagingException when an input (the project's jar, a dependency jar) cannot be read or is gone, or holds
     *                          entries that cannot all be in an image (found before anything is written)
     * @throws IOException      when writing under {@code contextDirectory} fails
     */
    public void stageLayers(ImagePlan plan, Path contextDirectory) throws IOException {
        stageLayers(plan, contextDirectory, Optional.empty(), FileDigests.none());
    }

    /**
     * Like {@link #stageLayers(ImagePlan, Path)}, but keeps what an earlier staging wrote where it still holds what the
     * plan asks for: {@code cacheDirectory} records what each staged file was staged from (the SHA-256 of a file on disk,
     * the CRC-32 and size a jar records for its entry), and a staged file is only kept when that is unchanged and the file
     * still has its staged size, time and mode. Everything else is written afresh and what the plan no longer has is
     * removed, so the layers are exactly what a staging from scratch writes. The caller keeps {@code digests}: what this
     * staging hashed is in it, to be written once the build has read all it needs.
     */
    public void stageLayers(ImagePlan plan, Path contextDirectory, Optional<Path> cacheDirectory, FileDigests digests)
            throws IOException {
        Path layersRoot = contextDirectory.resolve(DockerfileGenerator.LAYERS_DIRECTORY);
        checkImagePaths(plan.app().layers(), layersRoot);
        Optional<Path> recordFile = cacheDirectory.map(c -> c.resolve(STAGED_RECORD_FILE));
        Map<String, String> stagedBefore = recordFile.map(ContextStager::readRecord).orElse(Map.of());
        if (recordFile.isPresent()) {
            // Until this staging is complete, nothing vouches for the staged files.
            Files.deleteIfExists(recordFile.get());
        }
        FileTime timestamp = FileTime.from(plan.fileTimestamp());
        Map<String, String> record = new TreeMap<>();
        try (SourceIdentities sources = new SourceIdentities(digests)) {
            Map<Path, String> identities = new HashMap<>();
            Map<Path, Long> sizes = new HashMap<>();
            if (recordFile.isPresent()) {
                for (Layer layer : plan.app().layers()) {
                    for (ImageFile file : layer.files()) {
                        Path target = layersRoot.resolve(layer.name()).resolve(file.imagePath().substring(1));
                        // A jar written from another's entries is written again: its size is only known once written.
                        Optional<String> identity = file.source() instanceof FileSource.JarSubset ? Optional.empty()
                                : sources.of(file.source());
                        if (identity.isPresent()) {
                            identities.put(target, identity.get());
                            sizes.put(target, file.source().size());
                        }
                    }
                }
            }
            Set<Path> kept = keepUnchanged(layersRoot, identities, sizes, stagedBefore, timestamp);
            Files.createDirectories(layersRoot);
            for (Layer layer : plan.app().layers()) {
                Path layerRoot = layersRoot.resolve(layer.name());
                for (ImageFile file : layer.files()) {
                    Path target = layerRoot.resolve(file.imagePath().substring(1));
                    if (!kept.contains(target)) {
                        Files.createDirectories(target.getParent());
                        if (file.source() instanceof FileSource.JarSubset subset) {
                            new JarSubsetWriter().write(subset, target, plan.fileTimestamp());
                        } else if (file.source() instanceof FileSource.Packed packed) {
                            writePacked(packed, target, plan.fileTimestamp(), sources);
                        } else if (file.source() instanceof FileSource.LauncherAgentJar agent) {
                            new LauncherAgentJarWriter().write(agent, target, plan.fileTimestamp());
                        } else {
                            copy(file.source(), target, sources);
                        }
                        setAttributes(target, FILE_MODE, timestamp);
                    }
                    String identity = identities.get(target);
                    if (identity != null) {
                        record.put(recordKey(layersRoot, target), identity);
                    }
                }
                fixDirectories(layerRoot, timestamp);
            }
            Path workingDirectoryRoot = layersRoot.resolve(DockerfileGenerator.WORKING_DIRECTORY_LAYER);
            Files.createDirectories(workingDirectoryRoot.resolve(DockerfileGenerator.WORKING_DIRECTORY.substring(1)));
            fixDirectories(workingDirectoryRoot, timestamp);
            if (plan.startupCache().isPresent()) {
                Path trainingRoot = layersRoot.resolve(DockerfileGenerator.TRAINING_DIRECTORY_LAYER);
                Files.createDirectories(trainingRoot.resolve(StartupCache.DIRECTORY.substring(1)));
                fixDirectories(trainingRoot, timestamp);
            }
            if (plan.servletContainerImage().isPresent()) {
                Path writable = layersRoot.resolve(DockerfileGenerator.WRITABLE_LAYER);
                for (String directory : ServletContainer.WRITABLE_DIRECTORIES) {
                    Files.createDirectories(writable.resolve(directory));
                }
                fixDirectories(writable, timestamp);
                Path config = layersRoot.resolve(DockerfileGenerator.CONFIG_LAYER);
                for (String directory : ServletContainer.CONFIG_DIRECTORIES) {
                    Files.createDirectories(config.resolve(ServletContainer.HOME.substring(1)).resolve(directory));
                }
                fixDirectories(config, timestamp);
            }
        }
        if (recordFile.isPresent()) {
            writeRecord(recordFile.get(), record);
        }
    }

    /**
     * Removes from {@code layersRoot} every file that is not staged as wanted and every directory left empty; returns the
     * files kept.
     */
    private static Set<Path> keepUnchanged(Path layersRoot, Map<Path, String> identities, Map<Path, Long> sizes,
                                           Map<String, String> stagedBefore, FileTime timestamp) throws IOException {
        Set<Path> kept = new HashSet<>();
        if (!Files.isDirectory(layersRoot, LinkOption.NOFOLLOW_LINKS)) {
            deleteRecursively(layersRoot);
            return kept;
        }
        Files.walkFileTree(layersRoot, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String identity = identities.get(file);
                if (identity != null && identity.equals(stagedBefore.get(recordKey(layersRoot, file))) && attrs.isRegularFile()
                        && attrs.size() == sizes.get(file) && attrs.lastModifiedTime().equals(timestamp)
                        && Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(FILE_MODE)) {
                    kept.add(file);
                } else {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                if (!dir.equals(layersRoot)) {
                    try (Stream<Path> children = Files.list(dir)) {
                        if (children.findAny().isEmpty()) {
                            Files.delete(dir);
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return kept;
    }

    private static String recordKey(Path layersRoot, Path target) {
        return layersRoot.relativize(target).toString();
    }

    private static Map<String, String> readRecord(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return Map.of();
            }
            Map<String, String> record = new TreeMap<>();
            for (Map.Entry<String, Object> entry : Json.object(Json.parse(Files.readString(file, StandardCharsets.UTF_8))).entrySet()) {
                if (!(entry.getValue() instanceof String source)) {
                    return Map.of();
                }
                record.put(entry.getKey(), source);
            }
            return record;
        } catch (IOException e) {
            return Map.of();
        }
    }

    private static void writeRecord(Path file, Map<String, String> record) throws IOException {
        JsonFiles.replace(file, record);
    }

    /**
     * Refuses, before anything is written, files that would land outside their layer, and a file whose path another
     * file lies below: in one layer the second cannot be written, across layers the later one would hide the other.
     */
    private static void checkImagePaths(List<Layer> layers, Path layersRoot) throws StagingException {
        Map<String, ImageFile> files = new HashMap<>();
        Map<String, ImageFile> firstBelow = new HashMap<>();
        for (Layer layer : layers) {
            if (layer.name().equals(DockerfileGenerator.WORKING_DIRECTORY_LAYER)
                    || layer.name().equals(DockerfileGenerator.TRAINING_DIRECTORY_LAYER)) {
                throw StagingException.reservedLayerName(layer.name());
            }
            Path layerRoot = layersRoot.resolve(layer.name());
            for (ImageFile file : layer.files()) {
                String path = file.imagePath();
                if (!isBelow(layerRoot.resolve(path.substring(1)), layerRoot) || !isBelow(layerRoot, layersRoot)) {
                    throw StagingException.outside(path, layer.name(), describe(file.source()), layerRoot);
                }
                ImageFile below = firstBelow.get(path);
                if (below != null) {
                    throw clash(file, below);
                }
                for (int slash = path.indexOf('/', 1); slash > 0; slash = path.indexOf('/', slash + 1)) {
                    String directory = path.substring(0, slash);
                    ImageFile fileThere = files.get(directory);
                    if (fileThere != null) {
                        throw clash(fileThere, file);
                    }
                    firstBelow.putIfAbsent(directory, file);
                }
                files.put(path, file);
            }
        }
    }

    private static StagingException clash(ImageFile file, ImageFile below) {
        if (file.source() instanceof FileSource.InJar a && below.source() instanceof FileSource.InJar b && a.jar().equals(b.jar())) {
            return StagingException.fileAndDirectory(a.jar(), a.entry(), b.entry());
        }
        return StagingException.fileAndDirectory(file.imagePath(), describe(file.source()), below.imagePath(),
                describe(below.source()));
    }

    /** Copies {@code source} to {@code target}; a failure to read the source is the input's, one to write the target is not. */
    private static void copy(FileSource source, Path target, SourceIdentities sources) throws IOException {
        try (InputStream in = open(source, sources); OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[BUFFER];
            for (int n = read(in, buffer, source); n >= 0; n = read(in, buffer, source)) {
                out.write(buffer, 0, n);
            }
        }
    }

    /** A jar of single files: the manifest first, then files and the directories above them sorted, one fixed time. */
    private static void writePacked(FileSource.Packed packed, Path target, Instant timestamp, SourceIdentities sources)
            throws IOException {
        long time = JarSubsetWriter.zipTime(timestamp);
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(target)) {
            for (String name : JarSubsetWriter.order(List.copyOf(packed.entries().keySet()))) {
                ZipArchiveEntry entry = new ZipArchiveEntry(name);
                entry.setTime(time);
                out.putArchiveEntry(entry);
                FileSource source = packed.entries().get(name);
                if (source != null && !name.endsWith("/")) {
                    try (InputStream in = open(source, sources)) {
                        byte[] buffer = new byte[BUFFER];
                        for (int n = read(in, buffer, source); n >= 0; n = read(in, buffer, source)) {
                            out.write(buffer, 0, n);
                        }
                    }
                }
                out.closeArchiveEntry();
            }
        }
    }

    private static InputStream open(FileSource source, SourceIdentities sources) throws StagingException {
        if (source instanceof FileSource.OnDisk disk) {
            try {
                return Files.newInputStream(disk.file());
            } catch (IOException e) {
                throw StagingException.unreadableFile(disk.file(), e);
            }
        }
        FileSource.InJar inJar = (FileSource.InJar) source;
        JarFile jar = sources.jar(inJar.jar());
        ZipEntry entry = jar.getEntry(inJar.entry());
        if (entry == null) {
            throw StagingException.missingEntry(inJar.jar(), inJar.entry());
        }
        try {
            return jar.getInputStream(entry);
        } catch (IOException e) {
            throw StagingException.unreadableJar(inJar.jar(), inJar.entry(), e);
        }
    }

    private static int read(InputStream in, byte[] buffer, FileSource source) throws StagingException {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw source instanceof FileSource.InJar inJar
                    ? StagingException.unreadableJar(inJar.jar(), inJar.entry(), e)
                    : StagingException.unreadableFile(((FileSource.OnDisk) source).file(), e);
        }
    }

    /** Whether {@code path} lies strictly below {@code root}, after resolving any "..". */
    private static boolean isBelow(Path path, Path root) {
        Path p = path.normalize();
        Path r = root.normalize();
        return p.startsWith(r) && !p.equals(r);
    }

    private static String describe(FileSource source) {
        if (source instanceof FileSource.InJar inJar) {
            return inJar.jar() + "!" + inJar.entry();
        }
        if (source instanceof FileSource.JarSubset subset) {
            return "the libraries bundled in " + subset.jar();
        }
        if (source instanceof FileSource.LauncherAgentJar) {
            return "the plugin's agent that starts the manifest's Launcher-Agent-Class";
        }
        if (source instanceof FileSource.Packed packed) {
            return "the application's classes packed into a jar (" + packed.entries().size() + " files)";
        }
        return ((FileSource.OnDisk) source).file().toString();
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
