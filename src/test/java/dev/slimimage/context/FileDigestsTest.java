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

    private Path cacheFile() {
        return tmp.resolve("cache/" + FileDigests.CACHE_FILE);
    }

    private FileDigests at(Instant now) {
        return FileDigests.read(cacheFile(), Clock.fixed(now, ZoneOffset.UTC));
    }

    /** A clock well after the file's change time (which no test can set): the file has settled. */
    private FileDigests later(int seconds) {
        return at(Instant.now().plusSeconds(seconds));
    }

    private String hashedAndKept(Path file, FileDigests digests) throws Exception {
        String sha256 = digests.sha256(file);
        digests.write(cacheFile());
        return sha256;
    }

    @Test
    void aFileHashedInTheTickItWasChangedIsHashedAgainSoASameSizeChangeThenIsSeen() throws Exception {
        Path file = file("version-one");
        String one = hashedAndKept(file, at(Instant.now()));

        file("version-two");

        assertThat(later(60).sha256(file)).isNotEqualTo(one);
    }

    @Test
    void aSettledFileIsKnownByItsStatWithoutReadingIt() throws Exception {
        Path file = file("version-one");
        String one = hashedAndKept(file, later(60));

        FileDigests next = later(120);
        assertThat(next.sha256(file)).isEqualTo(one);
        Files.delete(cacheFile());
        next.write(cacheFile());
        assertThat(cacheFile()).as("nothing was hashed, so nothing is written").doesNotExist();
    }

    @Test
    void aSameSizeRewriteInPlaceWithTheSameModificationTimeIsHashedAgain() throws Exception {
        // What staging does: every staged file has the fixed outputTimestamp and is rewritten in place.
        Path file = file("version-one");
        Object inode = Files.getAttribute(file, "unix:ino");
        String one = hashedAndKept(file, later(60));

        file("version-two");
        assertThat(Files.getAttribute(file, "unix:ino")).isEqualTo(inode);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(FileTime.from(WRITTEN));

        assertThat(later(120).sha256(file)).isNotEqualTo(one);
    }

    @Test
    void anotherSizeOrTimeIsHashedAgain() throws Exception {
        Path file = file("version-one");
        String one = hashedAndKept(file, later(60));

        file("version-three");
        assertThat(later(120).sha256(file)).isNotEqualTo(one);
        file("version-six");
        Files.setLastModifiedTime(file, FileTime.from(WRITTEN.plusSeconds(1)));
        assertThat(later(120).sha256(file)).as("same size, another time").isNotEqualTo(one);
    }
}
