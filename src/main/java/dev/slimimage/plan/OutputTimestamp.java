package dev.slimimage.plan;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads Maven's {@code project.build.outputTimestamp}, the convention for reproducible builds. */
public final class OutputTimestamp {

    /** Used when the project sets no timestamp: any constant works, what matters is that it never changes. */
    public static final Instant DEFAULT = Instant.parse("1980-01-01T00:00:00Z");

    private static final String PROPERTY = "project.build.outputTimestamp";

    private OutputTimestamp() {}

    /**
     * @return the instant, or empty when unset or set to a single character (Maven's way to switch it off)
     * @throws ConfigurationException when set to something that is neither ISO-8601 nor epoch seconds
     */
    public static Optional<Instant> parse(String value) throws ConfigurationException {
        if (value == null || value.strip().length() < 2) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            throw new ConfigurationException(PROPERTY, v, PROPERTY + " '" + v + "' is neither ISO-8601 "
                    + "(e.g. 2024-01-01T00:00:00Z) nor seconds since the epoch", "fix it in the POM");
        }
    }
}
