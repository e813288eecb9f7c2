package dev.slimimage.testing;

import dev.slimimage.pipeline.BuildLog;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A {@link BuildLog} that keeps every line, prefixed with its level, for assertions. */
public final class RecordingLog implements BuildLog {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public void warn(String message) {
        lines.add("WARN " + message);
    }

    @Override
    public void buildOutput(String line) {
        lines.add("BUILD " + line);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    public String text() {
        return String.join("\n", lines());
    }
}
