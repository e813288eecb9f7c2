package dev.slimimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.SizeBudget;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The fingerprint's text for a parameter record names every component, as the record's own toString does. */
class BuildInputsTest {

    private record Inner(String name, Optional<Integer> count) {}

    private record Outer(Inner inner, List<Inner> list, Map<String, Inner> map, Thread.State state, Optional<Inner> absent) {}

    @Test
    void aRecordIsDescribedByEveryComponentAsItsToStringWould() {
        Inner inner = new Inner("a", Optional.of(1));
        Outer outer = new Outer(inner, List.of(inner, new Inner("b", Optional.empty())), new TreeMap<>(Map.of("k", inner)),
                Thread.State.NEW, Optional.empty());

        assertThat(BuildInputs.describe(outer)).isEqualTo(outer.toString());
        assertThat(BuildInputs.describe(Optional.of(inner))).isEqualTo(Optional.of(inner).toString());
        assertThat(BuildInputs.describe(null)).isEqualTo("null");
    }

    @Test
    void theParameterRecordsOfTheFingerprintReadAsTheirToString() {
        SizeBudget budget = new SizeBudget(120L, null);
        ImagePlan.JlinkOptions jlink = new ImagePlan.JlinkOptions("en", List.of("jdk.crypto.ec"), List.of(), false);

        assertThat(BuildInputs.describe(budget)).isEqualTo(budget.toString());
        assertThat(BuildInputs.describe(jlink)).isEqualTo(jlink.toString());
        assertThat(BuildInputs.describe(new SizeBudget(121L, null))).isNotEqualTo(BuildInputs.describe(budget));
    }
}
