package dev.slimimage.docker;

import com.github.dockerjava.api.async.ResultCallback;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A stream callback that keeps its error instead of logging it: docker-java's own callbacks log every error with a
 * stack trace at ERROR level ("Error during callback"), which Maven prints even when the plugin handles the error.
 */
final class QuietCallback<T> implements ResultCallback<T> {

    private final Consumer<T> onItem;
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile Closeable stream;
    private volatile Throwable error;

    QuietCallback(Consumer<T> onItem) {
        this.onItem = onItem;
    }

    @Override
    public void onStart(Closeable closeable) {
        stream = closeable;
    }

    @Override
    public void onNext(T item) {
        onItem.accept(item);
    }

    @Override
    public void onError(Throwable throwable) {
        if (error == null) {
            error = throwable;
        }
        close();
    }

    @Override
    public void onComplete() {
        close();
    }

    @Override
    public void close() {
        Closeable s = stream;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // The stream is finished either way.
            }
        }
        done.countDown();
    }

    /** Waits for the end of the stream; returns false when it did not end within {@code seconds}. */
    boolean await(long seconds) throws InterruptedException {
        return done.await(seconds, TimeUnit.SECONDS);
    }

    /** The error that ended the stream, if any. */
    Throwable error() {
        return error;
    }
}
