package dev.slimimage.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class InstructionTest {

    @Test
    void labelValuesKeepDollarSignsLiteral() {
        // The builder expands $VAR and ${VAR} inside double-quoted LABEL values; "\$" keeps the dollar sign.
        String rendered = new Instruction.Labels(new TreeMap<>(Map.of("price", "costs $5, not ${HOME}"))).render();

        assertThat(rendered).isEqualTo("LABEL price=\"costs \\$5, not \\${HOME}\"");
    }

    @Test
    void labelValuesAreWrittenSoTheBuilderReadsThemBackAsGiven() {
        // In double quotes the builder unescapes only \", \$ and \\.
        String rendered = new Instruction.Labels(new TreeMap<>(Map.of("note", "say \"hi\" to C:\\temp"))).render();

        assertThat(rendered).isEqualTo("LABEL note=\"say \\\"hi\\\" to C:\\\\temp\"");
    }

    @Test
    void controlCharactersCannotBeWrittenInALabelOrEnvValue() {
        // The builder would keep the escape \n as two characters: the image would not hold the value as given.
        for (String value : List.of("two\nlines", "tab\t", "bell\u0007")) {
            assertThatThrownBy(() -> new Instruction.Labels(new TreeMap<>(Map.of("note", value))).render())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
            assertThatThrownBy(() -> new Instruction.Env("NOTE", value).render())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("control character");
        }
    }

    @Test
    void entrypointStaysValidJsonWithDollarSigns() {
        // Exec form is JSON and is not expanded: "\$" would not be valid JSON and would turn it into shell form.
        String rendered = new Instruction.Entrypoint(List.of("java", "-Dprice=$5", "Main")).render();

        assertThat(rendered).isEqualTo("ENTRYPOINT [\"java\", \"-Dprice=$5\", \"Main\"]");
    }

    @Test
    void labelsAreOnePerLineWithContinuations() {
        String rendered = new Instruction.Labels(new TreeMap<>(Map.of("a", "1", "b", "2"))).render();

        assertThat(rendered).isEqualTo("LABEL a=\"1\" \\\n      b=\"2\"");
    }

    @Test
    void copyLayerKeepsOrdinaryNamesPlain() {
        assertThat(new Instruction.CopyLayer("company-dependencies", "layers/company-dependencies").render())
                .isEqualTo("COPY layers/company-dependencies/ /");
    }

    @Test
    void copyLayerEscapesWhatTheBuilderWouldReadAsQuotesOrVariables() {
        // The builder runs COPY paths through its shell-like word processing: \ escapes the next character.
        assertThat(new Instruction.CopyLayer("it's", "layers/it's").render()).isEqualTo("COPY layers/it\\'s/ /");
        assertThat(new Instruction.CopyLayer("$HOME", "layers/$HOME").render()).isEqualTo("COPY layers/\\$HOME/ /");
        assertThat(new Instruction.CopyLayer("my \"best\" layer", "layers/my \"best\" layer").render())
                .isEqualTo("COPY [\"layers/my \\\\\\\"best\\\\\\\" layer/\", \"/\"]");
    }
}
