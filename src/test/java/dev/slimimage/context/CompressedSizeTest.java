package dev.slimimage.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompressedSizeTest {

    private static final FileTime TIME = FileTime.from(Instant.parse("2024-01-01T00:00:00Z"));

    @TempDir
    Path tmp;

    @Test
    void isTheGzipOfTheLayersTarWithEntriesNamedAsInTheImage() throws Exception {
        Path layer = tmp.resolve("layers/dependencies");
        Files.createDirectories(layer.resolve("app/lib"));
        Files.writeString(layer.resolve("app/lib/a.txt"), "hello ".repeat(10_000));
        byte[] random = new byte[50_000];
        new Random(7).nextBytes(random);
        Files.write(layer.resolve("app/lib/b.bin"), random);

        long compressed = CompressedSize.of(layer, TIME);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (InputStream tar = new ContextArchive().layerStream(layer, TIME); GZIPOutputStream gzip = new GZIPOutputStream(expected)) {
            tar.transferTo(gzip);
        }
        assertThat(compressed).isEqualTo(expected.size());
        assertThat(compressed).as("the text shrinks, the random bytes do not").isBetween(50_000L, 52_000L);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ContextArchive().layerStream(layer, TIME))) {
            java.util.List<String> names = new java.util.ArrayList<>();
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                names.add(e.getName());
            }
            assertThat(names).containsExactly("app/", "app/lib/", "app/lib/a.txt", "app/lib/b.bin");
        }
    }
}
