package dev.slimimage.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContextArchiveTest {

    private static final FileTime TIMESTAMP = FileTime.from(Instant.parse("2024-03-01T12:00:00Z"));

    @TempDir
    Path tmp;

    private Path context;
    private Path bigJar;

    /** A staged context: a Dockerfile, files larger than the stream's chunk, an empty file, deep and long names. */
    @BeforeEach
    void stageContext() throws IOException {
        context = tmp.resolve("slim");
        Files.createDirectories(context);
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY layers/dependencies/ /\n");
        bigJar = write("layers/dependencies/app/lib/big-1.0.jar", randomBytes(1_000_000, 1));
        write("layers/dependencies/app/lib/small-1.0.jar", randomBytes(70_000, 2));
        write("layers/resources/app/classes/empty.properties", new byte[0]);
        write("layers/resources/app/classes/" + "very-long-directory-name/".repeat(6) + "deep.txt",
                "beyond the 100 characters of a plain tar name".getBytes(StandardCharsets.UTF_8));
        write("layers/classes/app/classes/com/example/Main.class", randomBytes(1_234, 3));
    }

    private Path write(String relative, byte[] bytes) throws IOException {
        Path file = context.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private byte[] streamed() throws IOException {
        try (InputStream in = new ContextArchive().stream(context, TIMESTAMP)) {
            return in.readAllBytes();
        }
    }

    /**
     * The packing the plugin wrote to target/slim/context.tar before the context was streamed, kept as the reference
     * (without its conversion of backslashes, which made a name with one a path of two).
     */
    private byte[] referencePacking() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            referenceFile(tar, context.resolve("Dockerfile"), "Dockerfile");
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(context.resolve("layers"))) {
                paths = walk.sorted().toList();
            }
            for (Path path : paths) {
                String name = context.relativize(path).toString();
                if (Files.isDirectory(path)) {
                    TarArchiveEntry entry = new TarArchiveEntry(name + "/");
                    entry.setMode(040755);
                    referenceStamp(entry);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                } else {
                    referenceFile(tar, path, name);
                }
            }
            tar.finish();
        }
        return out.toByteArray();
    }

    private static void referenceFile(TarArchiveOutputStream tar, Path file, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(0100644);
        entry.setSize(Files.size(file));
        referenceStamp(entry);
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    private static void referenceStamp(TarArchiveEntry entry) {
        entry.setModTime(TIMESTAMP);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
    }

    @Test
    void streamGivesExactlyTheBytesOfTheReferencePacking() throws Exception {
        assertThat(streamed()).isEqualTo(referencePacking());
    }

    @Test
    void streamReadByteByByteAndInOddChunksGivesTheSameBytes() throws Exception {
        byte[] expected = referencePacking();
        ByteArrayOutputStream oneByOne = new ByteArrayOutputStream();
        ByteArrayOutputStream oddChunks = new ByteArrayOutputStream();
        try (InputStream in = new ContextArchive().stream(context, TIMESTAMP)) {
            for (int b = in.read(); b >= 0; b = in.read()) {
                oneByOne.write(b);
            }
        }
        try (InputStream in = new ContextArchive().stream(context, TIMESTAMP)) {
            byte[] buffer = new byte[777];
            for (int n = in.read(buffer, 3, 555); n >= 0; n = in.read(buffer, 3, 555)) {
                oddChunks.write(buffer, 3, n);
            }
        }
        assertThat(oneByOne.toByteArray()).isEqualTo(expected);
        assertThat(oddChunks.toByteArray()).isEqualTo(expected);
    }

    @Test
    void entriesAreSortedOwnedByRootWithFixedModesAndTimesAndIncludeDirectories() throws Exception {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ContextArchive().stream(context, TIMESTAMP))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                names.add(entry.getName());
                assertThat(entry.getLongUserId()).as(entry.getName()).isZero();
                assertThat(entry.getLongGroupId()).as(entry.getName()).isZero();
                assertThat(entry.getModTime().toInstant()).as(entry.getName()).isEqualTo(TIMESTAMP.toInstant());
                assertThat(entry.getMode()).as(entry.getName()).isEqualTo(entry.isDirectory() ? 040755 : 0100644);
            }
        }
        assertThat(names.get(0)).isEqualTo("Dockerfile");
        assertThat(names).contains("layers/", "layers/dependencies/", "layers/dependencies/app/lib/",
                "layers/dependencies/app/lib/big-1.0.jar", "layers/resources/app/classes/empty.properties");
        assertThat(names.subList(1, names.size())).isSorted();
    }

    @Test
    void aPartialContextHasTheGivenDockerfileAndOnlyTheGivenLayersPackedAsTheWholeOnePacksThem() throws Exception {
        Map<String, byte[]> whole = contents(new ContextArchive().stream(context, TIMESTAMP));
        String dockerfile = "FROM sha256:" + "a".repeat(64) + "\nCOPY layers/classes/ /\n";

        Map<String, byte[]> partial = contents(new ContextArchive().stream(context, dockerfile, List.of("layers/classes"), TIMESTAMP));

        assertThat(partial.keySet()).containsExactly("Dockerfile", "layers/", "layers/classes/", "layers/classes/app/",
                "layers/classes/app/classes/", "layers/classes/app/classes/com/", "layers/classes/app/classes/com/example/",
                "layers/classes/app/classes/com/example/Main.class");
        assertThat(new String(partial.get("Dockerfile"), StandardCharsets.UTF_8)).isEqualTo(dockerfile);
        assertThat(partial.get("layers/classes/app/classes/com/example/Main.class"))
                .isEqualTo(whole.get("layers/classes/app/classes/com/example/Main.class"));
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ContextArchive().stream(context, dockerfile,
                List.of("layers/classes"), TIMESTAMP))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                assertThat(entry.getModTime().toInstant()).as(entry.getName()).isEqualTo(TIMESTAMP.toInstant());
                assertThat(entry.getMode()).as(entry.getName()).isEqualTo(entry.isDirectory() ? 040755 : 0100644);
            }
        }
    }

    private static Map<String, byte[]> contents(InputStream stream) throws IOException {
        Map<String, byte[]> contents = new java.util.LinkedHashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(stream)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                contents.put(entry.getName(), tar.readAllBytes());
            }
        }
        return contents;
    }

    @Test
    void backslashInAFileNameIsAnOrdinaryCharacterNotADirectorySeparator() throws Exception {
        write("layers/resources/app/classes/a\\b.txt", "one file".getBytes(StandardCharsets.UTF_8));

        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ContextArchive().stream(context, TIMESTAMP))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(names).contains("layers/resources/app/classes/a\\b.txt")
                .doesNotContain("layers/resources/app/classes/a/", "layers/resources/app/classes/a/b.txt");
    }

    @Test
    void twoStreamsOfTheSameContextAreIdentical() throws Exception {
        assertThat(streamed()).isEqualTo(streamed());
    }

    @Test
    void streamCanBeReadInAnotherThreadThanTheOneThatOpenedIt() throws Exception {
        byte[] expected = referencePacking();
        try (InputStream in = new ContextArchive().stream(context, TIMESTAMP)) {
            byte[] read = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(30, TimeUnit.SECONDS);
            assertThat(read).isEqualTo(expected);
        }
    }

    @Test
    void fileThatVanishedBeforeItsTurnFailsTheReadNamingTheFileAndTheCause() throws Exception {
        Path vanishing = context.resolve("layers/resources/app/classes/empty.properties");
        try (InputStream in = new ContextArchive().stream(context, TIMESTAMP)) {
            Files.delete(vanishing);

            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(vanishing + " no longer exists")
                    .hasMessageContaining("run the build again")
                    .hasCauseInstanceOf(NoSuchFileException.class);
            // Once failed, it stays failed instead of going on with a tar that misses the file.
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageStartingWith(vanishing + " no longer exists");
        }
    }

    @Test
    void unreadableFileFailsTheReadNamingTheFileAndTheCause() throws Exception {
        Path unreadable = context.resolve("layers/dependencies/app/lib/small-1.0.jar");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(unreadable), "chmod 000 does not stop this user (root) from reading");

        try (InputStream in = new ContextArchive().stream(context, TIMESTAMP)) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(unreadable + " cannot be read: permission denied")
                    .hasCauseInstanceOf(AccessDeniedException.class);
        }
    }

    @Test
    void fileThatShrinksWhileItIsSentFailsTheReadInsteadOfSendingACorruptTar() throws Exception {
        try (InputStream in = new ContextArchive().stream(context, TIMESTAMP)) {
            byte[] buffer = new byte[8192];
            long read = 0;
            while (read < 300_000) {
                read += in.read(buffer);
            }
            try (FileChannel channel = FileChannel.open(bigJar, StandardOpenOption.WRITE)) {
                channel.truncate(10);
            }

            assertThatThrownBy(in::readAllBytes).isInstanceOf(IOException.class)
                    .hasMessageStartingWith(bigJar + " changed size while it was being sent");
        }
    }

    @Test
    void closingBeforeTheEndReturnsAtOnceReleasesTheFileAndStartsNoThread() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Set<Thread> threadsBefore = new HashSet<>(Thread.getAllStackTraces().keySet());
            InputStream in = new ContextArchive().stream(context, TIMESTAMP);
            byte[] buffer = new byte[8192];
            long read = 0;
            while (read < 300_000) {
                read += in.read(buffer);
            }
            assertThat(openFiles()).as("the big jar is being sent").contains(bigJar.toRealPath());

            in.close();
            in.close();

            assertThat(openFiles()).doesNotContain(bigJar.toRealPath());
            assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("closed");
            Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
            started.removeAll(threadsBefore);
            assertThat(started).filteredOn(Thread::isAlive).isEmpty();
        });
    }

    @Test
    void missingLayersDirectoryIsReportedWhenTheStreamIsOpened() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("Dockerfile"), "FROM scratch\n");

        assertThatThrownBy(() -> new ContextArchive().stream(empty, TIMESTAMP)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(empty.resolve("layers") + " no longer exists");
    }

    /** The files this process holds open, from /proc/self/fd (Linux). */
    private static List<Path> openFiles() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd");
        List<Path> open = new ArrayList<>();
        try (Stream<Path> list = Files.list(fds)) {
            for (Path fd : list.toList()) {
                try {
                    open.add(Files.readSymbolicLink(fd));
                } catch (IOException closedMeanwhile) {
                    // The descriptor of the listing itself, or one closed since.
                }
            }
        }
        return open;
    }
}
