package dev.slimimage.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Splits one line into words the way a POSIX shell does for {@code JAVA_OPTS} or a command line: white space
 * separates words, single quotes keep everything literally, double quotes keep white space and let a backslash
 * escape {@code "}, {@code \}, {@code $} and {@code `}, and outside quotes a backslash escapes the next character.
 * Nothing is expanded ({@code $HOME} stays as written) and commas are ordinary characters: Maven splits a list
 * property on commas, which breaks {@code -Dlist=a,b} or {@code --conf a,b.json}.
 */
public final class CommandLineWords {

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private CommandLineWords() {
    }

    /** The words as one line that {@link #split} turns back into them: a word a shell would change is single-quoted. */
    public static String join(List<String> words) {
        return words.stream()
                .map(w -> PLAIN_WORD.matcher(w).matches() ? w : "'" + w.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }

    /**
     * @param parameter names the setting in the error, e.g. {@code args (slim.args)}
     * @return the words; empty for a null or blank line
     * @throws ConfigurationException for a quote that is not closed or a backslash at the very end
     */
    public static List<String> split(String line, String parameter) throws ConfigurationException {
        List<String> words = new ArrayList<>();
        if (line == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                inWord = true;
                if (c == '\'' || c == '"') {
                    quote = c;
                } else if (c == '\\') {
                    if (i + 1 == line.length()) {
                        throw new ConfigurationException(parameter, line, "The value of " + parameter + " ends with a backslash "
                                + "that escapes nothing", "remove it, or quote the word that needs it");
                    }
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            }
        }
        if (quote != 0) {
            throw new ConfigurationException(parameter, line, "The value of " + parameter + " opens a " + (quote == '"' ? "double" : "single")
                    + " quote it does not close: " + line, "close the quote, e.g. --conf 'my file.json'");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
