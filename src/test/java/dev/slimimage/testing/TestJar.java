package dev.slimimage.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds jar files for tests: manifest attributes plus entries with given bytes. Entries are written in the
 * order they were added; directory entries for their parents are added too, as the jar tool does.
 */
public final class TestJar {

    private final Map<String, String> manifest = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private boolean withManifest = true;

    public static TestJar create() {
        return new TestJar();
    }

    public TestJar manifest(String attribute, String value) {
        manifest.put(attribute, value);
        return this;
    }

    public TestJar withoutManifest() {
        withManifest = false;
        return this;
    }

    public TestJar entry(String name, byte[] bytes) {
        entries.put(name, bytes);
        return this;
    }

    public TestJar entry(String name, String text) {
        return entry(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A class without a main method. */
    public TestJar clazz(String className, int javaRelease) {
        return entry(ClassBytes.entryName(className), ClassBytes.plain(className, javaRelease));
    }

    /** A class declaring {@code public static void main(String[])}. */
    public TestJar mainClass(String className, int javaRelease) {
        return entry(ClassBytes.entryName(className), ClassBytes.withMain(className, javaRelease));
    }

    public Map<String, byte[]> entries() {
        return entries;
    }

    public Path writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file);
             JarOutputStream jar = withManifest ? new JarOutputStream(out, buildManifest()) : new JarOutputStream(out)) {
            java.util.Set<String> dirs = new java.util.HashSet<>();
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                String name = e.getKey();
                for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                    String dir = name.substring(0, slash + 1);
                    if (!dir.contains("..") && dirs.add(dir) && !dir.equals("META-INF/")) {
                        jar.putNextEntry(new JarEntry(dir));
                        jar.closeEntry();
                    }
                }
                jar.putNextEntry(new JarEntry(name));
                jar.write(e.getValue());
                jar.closeEntry();
            }
        }
        return file;
    }

    /** Writes every entry under {@code directory}, as a compiler and resources plugin would have in target/classes. */
    public Path extractTo(Path directory) throws IOException {
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            Path target = directory.resolve(e.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, e.getValue());
        }
        return directory;
    }

    private Manifest buildManifest() {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.forEach((k, v) -> m.getMainAttributes().putValue(k, v));
        return m;
    }
}
