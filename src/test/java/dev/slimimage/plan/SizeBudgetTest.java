package dev.slimimage.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizeBudgetTest {

    @Test
    void decimalAndBinaryUnitsAndPlainBytes() throws Exception {
        assertThat(SizeBudget.parseSize("p", "120MB")).isEqualTo(120_000_000L);
        assertThat(SizeBudget.parseSize("p", "120 mb")).isEqualTo(120_000_000L);
        assertThat(SizeBudget.parseSize("p", "120MiB")).isEqualTo(120L * 1024 * 1024);
        assertThat(SizeBudget.parseSize("p", "1.5GB")).isEqualTo(1_500_000_000L);
        assertThat(SizeBudget.parseSize("p", "2GiB")).isEqualTo(2L << 30);
        assertThat(SizeBudget.parseSize("p", "300kB")).isEqualTo(300_000L);
        assertThat(SizeBudget.parseSize("p", "4KiB")).isEqualTo(4096L);
        assertThat(SizeBudget.parseSize("p", "125829120")).isEqualTo(125_829_120L);
        assertThat(SizeBudget.parseSize("p", " 7B ")).isEqualTo(7L);
    }

    @Test
    void blankIsOff() throws Exception {
        assertThat(SizeBudget.parse(null, " ")).isEqualTo(SizeBudget.NONE);
        assertThat(SizeBudget.NONE.isSet()).isFalse();
        assertThat(SizeBudget.parse("1GB", null).isSet()).isTrue();
    }

    @Test
    void textThatIsNotASizeGetsOneSentenceWithTheFix() {
        for (String bad : new String[] {"12 apples", "MB", "120 M B", "1,5GB", "-5MB", "0x10"}) {
            assertThatThrownBy(() -> SizeBudget.parse(bad, null))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("maxImageSize (slim.maxImageSize) '" + bad + "' is not a size: write a number with an optional unit: "
                            + "B, kB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024), e.g. 120MB.");
        }
    }

    @Test
    void zeroIsRefusedNamingTheLayerParameter() {
        assertThatThrownBy(() -> SizeBudget.parse(null, "0MB"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("maxLayerSize (slim.maxLayerSize) '0MB' is not a size an image can have: give a limit above zero, e.g. 120MB.");
    }
}
