package dev.slimimage.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDigestsTest {

    private static final Instant WRITTEN = Instant.parse("2025-05-05T10:00:00.123456789Z");

    @TempDir
    Path tmp;

    private Path file(String content) throws Exception {
        Path file = tmp.resolve("lib.jar");
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(WRITTEN));
        return file;
    }

    private FileDigests at(Instant now) {
        return FileDigests.read(tmp.resolve("cache/" + FileDigests.CACHE_FILE), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aFileHashedInTheTickItWasWrittenIsHashedAgainSoASameSizeChangeThenIsSeen() throws Exception {
        Path file = file("version-one");
        FileDigests digests = at(WRITTEN.plusMillis(5));
        String one = digests.sha256(file);
        digests.write(tmp.resolve("cache/" + FileDigests.CACHE_FILE));

        file("version-two");

        assertThat(at(WRITTEN.plusSeconds(60)).sha256(file)).isNotEqualTo(one);
    }

    @Test
    void aSettledFileIsKnownByItsSizeTimeAndInodeWithoutReadingIt() throws Exception {
        Path file = file("version-one");
        FileDigests digests = at(WRITTEN.plusSeconds(60));
        String one = digests.sha256(file);
        digests.write(tmp.resolve("cache/" + FileDigests.CACHE_FILE));

        // Same size, same time, same inode: what a Maven repository's jar never does; only a content read would notice.
        file("version-two");

        assertThat(at(WRITTEN.plusSeconds(120)).sha256(file)).isEqualTo(one);
    }

    @Test
    void anotherSizeOrTimeIsHashedAgain() throws Exception {
        Path file = file("version-one");
        FileDigests digests = at(WRITTEN.plusSeconds(60));
        String one = digests.sha256(file);
        digests.write(tmp.resolve("cache/" + FileDigests.CACHE_FILE));

        file("version-three");
        assertThat(at(WRITTEN.plusSeconds(120)).sha256(file)).isNotEqualTo(one);
        file("version-six");
        Files.setLastModifiedTime(file, FileTime.from(WRITTEN.plusSeconds(1)));
        assertThat(at(WRITTEN.plusSeconds(120)).sha256(file)).as("same size, another time").isNotEqualTo(one);
    }
}
