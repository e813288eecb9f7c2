package dev.slimimage.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.analysis.FileSource;
import dev.slimimage.testing.TestJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.jar.JarInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarSubsetWriterTest {

    private static final Instant TIMESTAMP = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    Path tmp;

    private Path shaded() throws IOException {
        return TestJar.create()
                .manifest("Main-Class", "com.example.App")
                .manifest("Multi-Release", "true")
                .clazz("com.example.App", 17)
                .clazz("com.google.gson.Gson", 8)
                .clazz("com.google.gson.internal.Excluder", 8)
                .entry("META-INF/services/java.sql.Driver", "org.h2.Driver\ncom.example.Driver\n")
                .entry("META-INF/versions/11/com/google/gson/Gson.class", new byte[] {1, 2, 3})
                .writeTo(tmp.resolve("app-1.0.jar"));
    }

    private static FileSource.JarSubset libraries(Path jar, List<String> entries) {
        return new FileSource.JarSubset(jar, entries, 0, Map.of());
    }

    private static final List<String> LIBRARY_ENTRIES = List.of("com/google/gson/internal/Excluder.class",
            "META-INF/versions/11/com/google/gson/Gson.class", "META-INF/services/java.sql.Driver", "META-INF/MANIFEST.MF",
            "com/google/gson/Gson.class");

    @Test
    void holdsExactlyTheChosenEntriesWithTheirBytesTheManifestFirstAndTheDirectoriesAboveThem() throws IOException {
        Path jar = shaded();
        Path out = tmp.resolve("libraries.jar");

        new JarSubsetWriter().write(libraries(jar, LIBRARY_ENTRIES), out, TIMESTAMP);

        try (ZipFile written = new ZipFile(out.toFile()); ZipFile original = new ZipFile(jar.toFile())) {
            List<String> names = Collections.list(written.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(names).containsExactly("META-INF/", "META-INF/MANIFEST.MF", "META-INF/services/",
                    "META-INF/services/java.sql.Driver", "META-INF/versions/", "META-INF/versions/11/",
                    "META-INF/versions/11/com/", "META-INF/versions/11/com/google/", "META-INF/versions/11/com/google/gson/",
                    "META-INF/versions/11/com/google/gson/Gson.class", "com/", "com/google/", "com/google/gson/",
                    "com/google/gson/Gson.class", "com/google/gson/internal/", "com/google/gson/internal/Excluder.class");
            for (String entry : LIBRARY_ENTRIES) {
                assertThat(written.getInputStream(written.getEntry(entry)).readAllBytes())
                        .isEqualTo(original.getInputStream(original.getEntry(entry)).readAllBytes());
            }
            assertThat(written.getEntry("com/example/App.class")).isNull();
            for (ZipEntry entry : Collections.list(written.entries())) {
                assertThat(entry.getExtra()).as(entry.getName()).isNull();
                assertThat(entry.getTimeLocal()).as(entry.getName()).isEqualTo("2024-01-01T00:00:00");
            }
        }
        try (JarInputStream in = new JarInputStream(Files.newInputStream(out))) {
            assertThat(in.getManifest().getMainAttributes().getValue("Multi-Release")).isEqualTo("true");
        }
    }

    @Test
    void theSameInputsGiveTheSameBytesInAnyTimeZoneAndEntryOrder() throws IOException {
        Path jar = shaded();
        Path first = tmp.resolve("first.jar");
        Path second = tmp.resolve("second.jar");
        TimeZone zone = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            new JarSubsetWriter().write(libraries(jar, LIBRARY_ENTRIES), first, TIMESTAMP);
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
            new JarSubsetWriter().write(libraries(jar, reversed(LIBRARY_ENTRIES)), second, TIMESTAMP);
        } finally {
            TimeZone.setDefault(zone);
        }

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new java.util.ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    @Test
    void aVanishedEntryNamesTheJarAndTheEntry() throws IOException {
        Path jar = shaded();

        StagingException e = org.junit.jupiter.api.Assertions.assertThrows(StagingException.class, () -> new JarSubsetWriter()
                .write(libraries(jar, List.of("com/google/gson/Gone.class")), tmp.resolve("out.jar"), TIMESTAMP));

        assertThat(e.getMessage()).contains(jar.toString()).contains("com/google/gson/Gone.class");
    }
}
