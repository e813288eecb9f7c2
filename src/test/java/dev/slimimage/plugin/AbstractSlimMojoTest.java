package dev.slimimage.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AbstractSlimMojoTest {

    @Test
    void blankToNullStripsValues() {
        assertThat(AbstractSlimMojo.blankToNull(null)).isNull();
        assertThat(AbstractSlimMojo.blankToNull("  ")).isNull();
        assertThat(AbstractSlimMojo.blankToNull(" com.example.Main ")).isEqualTo("com.example.Main");
    }
}
