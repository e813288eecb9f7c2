package dev.slimimage.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineWordsTest {

    private static final String PARAMETER = "args (slim.args)";

    @Test
    void splitsOnWhiteSpaceButNotOnCommas() throws Exception {
        assertThat(CommandLineWords.split("  run io.vertx.starter.MainVerticle\t-Dlist=a,b \n x ", PARAMETER))
                .containsExactly("run", "io.vertx.starter.MainVerticle", "-Dlist=a,b", "x");
    }

    @Test
    void quotesKeepWhiteSpaceAndJoinWithTheirWord() throws Exception {
        assertThat(CommandLineWords.split("--conf 'a b.json' \"-Dgreeting=hello world\" pre'fix 'post", PARAMETER))
                .containsExactly("--conf", "a b.json", "-Dgreeting=hello world", "prefix post");
    }

    @Test
    void singleQuotesAreLiteralAndDoubleQuotesEscapeOnlyWhatAShellEscapes() throws Exception {
        assertThat(CommandLineWords.split("'a\\\"b' \"c\\\"d\\\\e\\nf\" $HOME", PARAMETER))
                .containsExactly("a\\\"b", "c\"d\\e\\nf", "$HOME");
    }

    @Test
    void aBackslashOutsideQuotesEscapesTheNextCharacter() throws Exception {
        assertThat(CommandLineWords.split("a\\ b c\\'d", PARAMETER)).containsExactly("a b", "c'd");
    }

    @Test
    void emptyQuotesAreAnEmptyWord() throws Exception {
        assertThat(CommandLineWords.split("a '' \"\" b", PARAMETER)).containsExactly("a", "", "", "b");
    }

    @Test
    void nullAndBlankGiveNoWords() throws Exception {
        assertThat(CommandLineWords.split(null, PARAMETER)).isEmpty();
        assertThat(CommandLineWords.split(" \t ", PARAMETER)).isEmpty();
    }

    @Test
    void anUnclosedQuoteIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> CommandLineWords.split("--conf 'a b.json", PARAMETER))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("The value of args (slim.args) opens a single quote it does not close: --conf 'a b.json: "
                        + "close the quote, e.g. --conf 'my file.json'.");
        assertThatThrownBy(() -> CommandLineWords.split("\"x", PARAMETER)).hasMessageContaining("double quote");
    }

    @Test
    void aTrailingBackslashIsRefused() {
        assertThatThrownBy(() -> CommandLineWords.split("a \\", PARAMETER))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ends with a backslash");
    }

    @Test
    void joinQuotesOnlyWhatAShellWouldChangeAndSplitReadsItBack() throws Exception {
        List<String> words = List.of("run", "a b.json", "-Dlist=a,b", "it's", "", "$HOME");

        String line = CommandLineWords.join(words);

        assertThat(line).isEqualTo("run 'a b.json' -Dlist=a,b 'it'\\''s' '' '$HOME'");
        assertThat(CommandLineWords.split(line, PARAMETER)).isEqualTo(words);
    }
}
