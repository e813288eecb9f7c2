package dev.slimimage.context;

import dev.slimimage.json.Json;
import dev.slimimage.json.JsonFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The SHA-256 of files, hashed once and then known by their size, modification time, change time and inode for as long
 * as these stay the same: the Maven repository's jars are hashed on the first build only. The change time is what makes
 * this sound: staging writes files in place with a fixed modification time (the reproducible {@code outputTimestamp}),
 * so a same-size change keeps size, modification time and inode, but every write moves the change time, and no program
 * can set it back. A file is trusted only once its change time was older than its file system's time granularity when
 * it was hashed; a younger one (a jar written a moment before) is hashed again next time, as a change in the same clock
 * tick would keep its times. Where the file system has no change time to read (not Unix), every file is hashed. Losing
 * the cache file costs only time.
 */
public final class FileDigests {

    /** Nanosecond file systems tick in milliseconds; one that stores whole seconds (FAT, some network ones) in up to two. */
    private static final long FINE_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long COARSE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Its file in the cache directory. */
    public static final String CACHE_FILE = "file-digests.json";

    /** What is known of one file: {@code settled} when its stat may stand for its content. */
    record Known(long size, long modifiedNanos, long changedNanos, String fileKey, String sha256, boolean settled) {}

    /** A file's stat; {@code changedNanos} is -1 where the file system gives no change time. */
    private record Stat(long size, long modifiedNanos, long changedNanos, String fileKey) {

        boolean sameAs(Known known) {
            return changedNanos >= 0 && known.size() == size && known.modifiedNanos() == modifiedNanos
                    && known.changedNanos() == changedNanos && known.fileKey().equals(fileKey);
        }
    }

    private final Map<String, Known> known;
    private final Clock clock;
    private boolean changed;

    private FileDigests(Map<String, Known> known, Clock clock) {
        this.known = new TreeMap<>(known);
        this.clock = clock;
    }

    /** The digests kept in {@code cacheFile}, or none when it is missing or unreadable. */
    public static FileDigests read(Path cacheFile) {
        return read(cacheFile, Clock.systemUTC());
    }

    /** No digests known yet, and none to keep: every file is hashed. */
    public static FileDigests none() {
        return new FileDigests(Map.of(), Clock.systemUTC());
    }

    static FileDigests read(Path cacheFile, Clock clock) {
        try {
            if (Files.isRegularFile(cacheFile)) {
                // Read without Jackson: the up-to-date check reads this file, and Jackson's start costs most of a second.
                Map<String, Known> known = new TreeMap<>();
                for (Map.Entry<String, Object> entry : Json.object(Json.parse(Files.readString(cacheFile))).entrySet()) {
                    Map<String, Object> fields = Json.object(entry.getValue());
                    if (!(fields.get("size") instanceof Long size) || !(fields.get("modifiedNanos") instanceof Long modified)
                            || !(fields.get("changedNanos") instanceof Long changed)
                            || !(fields.get("fileKey") instanceof String fileKey) || !(fields.get("sha256") instanceof String sha256)
                            || !(fields.get("settled") instanceof Boolean settled)) {
                        continue;
                    }
                    known.put(entry.getKey(), new Known(size, modified, changed, fileKey, sha256, settled));
                }
                return new FileDigests(known, clock);
            }
        } catch (IOException | RuntimeException e) {
            // Hashed again.
        }
        return new FileDigests(Map.of(), clock);
    }

    /**
     * The hex SHA-256 of {@code file}'s content.
     *
     * @throws IOException when it cannot be read
     */
    public String sha256(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        String key = absolute.toString();
        Stat stat = stat(absolute);
        Known before = known.get(key);
        if (before != null && before.settled() && stat.sameAs(before)) {
            return before.sha256();
        }
        long hashedAt = TimeUnit.MILLISECONDS.toNanos(clock.millis());
        String sha256 = hash(absolute);
        boolean coarse = stat.changedNanos() % TimeUnit.SECONDS.toNanos(1) == 0;
        boolean settled = stat.changedNanos() >= 0
                && hashedAt - stat.changedNanos() > (coarse ? COARSE_WINDOW_NANOS : FINE_WINDOW_NANOS);
        known.put(key, new Known(stat.size(), stat.modifiedNanos(), stat.changedNanos(), stat.fileKey(), sha256, settled));
        changed = true;
        return sha256;
    }

    private static Stat stat(Path file) throws IOException {
        try {
            Map<String, Object> unix = Files.readAttributes(file, "unix:size,lastModifiedTime,ctime,dev,ino");
            return new Stat((Long) unix.get("size"), ((FileTime) unix.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS),
                    ((FileTime) unix.get("ctime")).to(TimeUnit.NANOSECONDS), unix.get("dev") + ":" + unix.get("ino"));
        } catch (UnsupportedOperationException e) {
            BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stat(basic.size(), basic.lastModifiedTime().to(TimeUnit.NANOSECONDS), -1, String.valueOf(basic.fileKey()));
        }
    }

    /** Writes what is known back, if anything was hashed; a failure only costs hashing again. */
    public void write(Path cacheFile) {
        if (!changed) {
            return;
        }
        try {
            JsonFiles.replace(cacheFile, known);
            changed = false;
        } catch (IOException e) {
            // Hashed again next time.
        }
    }

    private static String hash(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
