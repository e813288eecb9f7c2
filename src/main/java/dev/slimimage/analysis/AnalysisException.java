package dev.slimimage.analysis;

/** The project cannot be turned into an image as it is; the message says why and what to change. */
public class AnalysisException extends Exception {
    public AnalysisException(String message) {
        super(message);
    }

    public AnalysisException(String message, Throwable cause) {
        super(message, cause);
    }
}
