package dev.slimimage.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void readsEveryKindOfValue() throws IOException {
        Object value = Json.parse(" {\"s\":\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\",\"i\":-12,\"big\":12345678901234567890,"
                + "\"d\":1.5e2,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,[],{}],\"o\":{\"k\":\"v\"}}\n");

        Map<String, Object> object = Json.object(value);
        assertThat(object.keySet()).containsExactly("s", "i", "big", "d", "t", "f", "n", "a", "o");
        assertThat(object.get("s")).isEqualTo("a\"b\\c/d\n\té\uD83D\uDE00");
        assertThat(object.get("i")).isEqualTo(-12L);
        assertThat(object.get("big")).isEqualTo(1.2345678901234567e19);
        assertThat(object.get("d")).isEqualTo(150.0);
        assertThat(object.get("t")).isEqualTo(true);
        assertThat(object.get("f")).isEqualTo(false);
        assertThat(object).containsEntry("n", null);
        assertThat(Json.array(object.get("a"))).containsExactly(1L, List.of(), Map.of());
        assertThat(Json.object(object.get("o"))).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void helpersReadLikeJacksonsPath() throws IOException {
        Map<String, Object> object = Json.object(Json.parse("{\"n\":7,\"s\":\"x\",\"t\":true,\"z\":null}"));

        assertThat(Json.text(object.get("s"), "?")).isEqualTo("x");
        assertThat(Json.text(object.get("n"), "?")).isEqualTo("7");
        assertThat(Json.text(object.get("t"), "?")).isEqualTo("true");
        assertThat(Json.text(object.get("z"), "?")).isEqualTo("?");
        assertThat(Json.text(object.get("missing"), "?")).isEqualTo("?");
        assertThat(Json.number(object.get("n"), -1)).isEqualTo(7);
        assertThat(Json.number(object.get("s"), -1)).isEqualTo(-1);
        assertThat(Json.object(object.get("s"))).isEmpty();
        assertThat(Json.array(object.get("missing"))).isEmpty();
    }

    @Test
    void readsWhatJacksonWrites() throws IOException {
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("path/with \"quotes\" and \\ and \u0001 and ü", List.of("sha256:ab", 3L, false));
        written.put("nested", Map.of("size", Long.MAX_VALUE, "ratio", 0.25));

        assertThat(Json.parse(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(written))).isEqualTo(written);
    }

    @Test
    void refusesWhatIsNotOneJsonValue() {
        for (String bad : Arrays.asList("", "  ", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "[1 2]", "{a:1}", "\"open", "\"tab\there\"",
                "01", "1.", "-", "1e", "tru", "nul", "{} {}", "[\"\\x\"]", "\"\\u12\"", "[" .repeat(600) + "]".repeat(600))) {
            assertThatThrownBy(() -> Json.parse(bad)).as(bad).isInstanceOf(IOException.class).hasMessageStartingWith("malformed JSON");
        }
    }
}
