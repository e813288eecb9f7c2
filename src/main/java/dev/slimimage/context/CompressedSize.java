package dev.slimimage.context;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.zip.GZIPOutputStream;

/**
 * What a staged layer weighs on the wire: its tar, gzip-compressed at the default level as {@code docker push} sends
 * a layer. Java's deflater is not Go's, so this is an estimate, within a few percent of the registry's blob size.
 */
public final class CompressedSize {

    private CompressedSize() {
    }

    public static long of(Path layerDirectory, FileTime timestamp) throws IOException {
        Counter counter = new Counter();
        try (InputStream tar = new ContextArchive().layerStream(layerDirectory, timestamp);
             GZIPOutputStream gzip = new GZIPOutputStream(counter, 64 * 1024)) {
            tar.transferTo(gzip);
        }
        return counter.bytes;
    }

    private static final class Counter extends OutputStream {
        private long bytes;

        @Override
        public void write(int b) {
            bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytes += len;
        }
    }
}
