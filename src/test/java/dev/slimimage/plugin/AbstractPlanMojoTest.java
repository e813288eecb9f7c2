package dev.slimimage.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AbstractPlanMojoTest {

    @ParameterizedTest
    @CsvSource({"17, 17", "21, 21", "' 11 ', 11", "1.8, 8", "1.7, 7", "8, 8"})
    void parseReleaseReadsModernAndOneDotStyleVersions(String value, int expected) {
        assertThat(AbstractPlanMojo.parseRelease(value)).hasValue(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "${x}", "${maven.compiler.release}", "seventeen", "17-ea"})
    void parseReleaseIgnoresUnsetUnresolvedOrUnreadableValues(String value) {
        assertThat(AbstractPlanMojo.parseRelease(value)).isEmpty();
    }

    @Test
    void blankToNullStripsValues() {
        assertThat(AbstractSlimMojo.blankToNull(null)).isNull();
        assertThat(AbstractSlimMojo.blankToNull("  ")).isNull();
        assertThat(AbstractSlimMojo.blankToNull(" com.example.Main ")).isEqualTo("com.example.Main");
    }
}
