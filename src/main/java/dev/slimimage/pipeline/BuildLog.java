package dev.slimimage.pipeline;

/** Where the pipeline says what it does; the mojo maps it onto Maven's log. */
public interface BuildLog {

    void info(String message);

    void warn(String message);

    /** Detail shown only when asked for (Maven's -X). */
    default void debug(String message) {
    }

    /** A line of the daemon's build output. */
    void buildOutput(String line);

    /** The context is staged; the mojo summarises what went into it. */
    default void staged(StagedContext staged) {
    }
}
