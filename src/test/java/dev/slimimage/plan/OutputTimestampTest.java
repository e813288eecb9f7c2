package dev.slimimage.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OutputTimestampTest {

    @Test
    void readsIsoInstants() throws ConfigurationException {
        assertThat(OutputTimestamp.parse("2024-01-01T00:00:00Z")).contains(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(OutputTimestamp.parse(" 2026-11-23T00:00:00Z\n")).contains(Instant.parse("2026-11-23T00:00:00Z"));
    }

    @Test
    void readsIsoWithAnOffsetAsTheSameInstant() throws ConfigurationException {
        assertThat(OutputTimestamp.parse("2024-01-01T02:00:00+02:00")).contains(Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void readsEpochSeconds() throws ConfigurationException {
        assertThat(OutputTimestamp.parse("1700000000")).contains(Instant.parse("2023-11-14T22:13:20Z"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "a", "0", " x "})
    void unsetOrASingleCharacterMeansNoTimestamp(String value) throws ConfigurationException {
        assertThat(OutputTimestamp.parse(value)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2024-13-01T00:00:00Z", "2024-01-01", "12:00"})
    void garbageIsAnErrorThatShowsTheValueAndTheFormats(String value) {
        assertThatThrownBy(() -> OutputTimestamp.parse(value))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("ISO-8601")
                .hasMessageContaining("seconds since the epoch");
    }
}
