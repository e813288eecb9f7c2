package dev.slimimage.context;

import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.LaunchManifest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes {@link FileSource.LauncherAgentJar}: the plugin's agent class with a manifest naming it as {@code Premain-Class}
 * and granting the capabilities the application's manifest asked for. The same plugin and capabilities give the same
 * bytes: entries are stored (no compressor whose output could change), in a fixed order, with one fixed time.
 */
final class LauncherAgentJarWriter {

    private static final String CLASS_ENTRY = LaunchManifest.LAUNCHER_AGENT_PREMAIN_CLASS.replace('.', '/') + ".class";

    /**
     * @param timestamp the one time every entry gets, as {@link JarSubsetWriter#zipTime(Instant)} reads it
     * @throws IOException when writing {@code target} fails
     */
    void write(FileSource.LauncherAgentJar agent, Path target, Instant timestamp) throws IOException {
        long time = JarSubsetWriter.zipTime(timestamp);
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(target)) {
            putStored(out, "META-INF/", new byte[0], time);
            putStored(out, "META-INF/MANIFEST.MF", manifest(agent.capabilities()), time);
            for (int slash = CLASS_ENTRY.indexOf('/'); slash > 0; slash = CLASS_ENTRY.indexOf('/', slash + 1)) {
                putStored(out, CLASS_ENTRY.substring(0, slash + 1), new byte[0], time);
            }
            putStored(out, CLASS_ENTRY, agentClass(), time);
        }
    }

    /** The manifest's lines, in a fixed order: the JDK reads Premain-Class and the Can-* capabilities from it. */
    static byte[] manifest(List<String> capabilities) {
        List<String> lines = new ArrayList<>();
        lines.add("Manifest-Version: 1.0");
        lines.add("Created-By: slim-maven-plugin");
        lines.add("Premain-Class: " + LaunchManifest.LAUNCHER_AGENT_PREMAIN_CLASS);
        capabilities.forEach(c -> lines.add(c + ": true"));
        return (String.join("\r\n", lines) + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The agent class as the plugin's jar holds it (compiled for Java 8). */
    static byte[] agentClass() throws IOException {
        try (InputStream in = LauncherAgentJarWriter.class.getClassLoader().getResourceAsStream(CLASS_ENTRY)) {
            if (in == null) {
                throw new IOException("the plugin holds no " + CLASS_ENTRY + ": its jar is incomplete; reinstall slim-maven-plugin");
            }
            return in.readAllBytes();
        }
    }

    /** A CRC-32 of the agent class, to tell a jar staged by another build of the plugin from this one's. */
    static String agentClassDigest() throws StagingException {
        try {
            CRC32 crc = new CRC32();
            crc.update(agentClass());
            return Long.toHexString(crc.getValue());
        } catch (IOException e) {
            throw StagingException.pluginIncomplete(e);
        }
    }

    private static void putStored(ZipArchiveOutputStream out, String name, byte[] content, long time) throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        entry.setTime(time);
        out.addRawArchiveEntry(entry, new ByteArrayInputStream(content));
    }
}
