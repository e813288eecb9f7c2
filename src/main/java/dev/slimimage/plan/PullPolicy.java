package dev.slimimage.plan;

import java.util.Locale;

/** When base images are pulled from a registry. */
public enum PullPolicy {
    /** Use the daemon's copy; pull only when it has none. */
    MISSING,
    /** Pull every time, to pick up a moved tag. */
    ALWAYS,
    /** Never contact a registry: air-gapped builds. */
    NEVER;

    public static PullPolicy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown pull policy '" + value + "': use missing, always or never.");
        }
    }
}
