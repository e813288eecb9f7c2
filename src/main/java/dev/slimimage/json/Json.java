package dev.slimimage.json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON reader with the JDK alone, for what the up-to-date check reads (the daemon's small answers and the plugin's own
 * records in the cache directory): Jackson's object mapper costs most of a second to start in a fresh class realm,
 * more than the whole check may take. Values come out as plain Java: {@link Map} (keys in document order), {@link List},
 * {@link String}, {@link Long} (an integer that fits) or {@link Double}, {@link Boolean} and {@code null}.
 */
public final class Json {

    /** Deeper nesting is refused rather than risking the stack. */
    private static final int MAX_DEPTH = 512;

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    /**
     * The value {@code text} holds.
     *
     * @throws IOException when it is not one JSON value (with only white space around it)
     */
    public static Object parse(String text) throws IOException {
        Json json = new Json(text);
        Object value = json.value(0);
        json.skipSpace();
        if (json.at < text.length()) {
            throw json.malformed("more after the value");
        }
        return value;
    }

    /** {@code value} as an object; an empty one when it is something else (as Jackson's {@code path} gives a missing node). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** {@code value} as an array; an empty one when it is something else. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** {@code value} as text: a string as it is, a number or boolean as written; {@code otherwise} for anything else. */
    public static String text(Object value, String otherwise) {
        if (value instanceof String s) {
            return s;
        }
        return value instanceof Long || value instanceof Double || value instanceof Boolean ? value.toString() : otherwise;
    }

    /** {@code value} as a whole number; {@code otherwise} when it is no number. */
    public static long number(Object value, long otherwise) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Double d) {
            return d.longValue();
        }
        return otherwise;
    }

    private Object value(int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw malformed("nested deeper than " + MAX_DEPTH);
        }
        skipSpace();
        if (at >= text.length()) {
            throw malformed("a value expected");
        }
        char c = text.charAt(at);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw malformed("unexpected '" + c + "'");
        }
    }

    private Map<String, Object> object(int depth) throws IOException {
        at++;
        Map<String, Object> members = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            at++;
            return Collections.unmodifiableMap(members);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw malformed("a member name expected");
            }
            String name = string();
            skipSpace();
            expect(':');
            members.put(name, value(depth + 1));
            if (closes('}')) {
                return Collections.unmodifiableMap(members);
            }
        }
    }

    private List<Object> array(int depth) throws IOException {
        at++;
        List<Object> elements = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            at++;
            return Collections.unmodifiableList(elements);
        }
        while (true) {
            elements.add(value(depth + 1));
            if (closes(']')) {
                return Collections.unmodifiableList(elements);
            }
        }
    }

    /** After a member or element: whether {@code close} ends the object or array, else a comma must follow. */
    private boolean closes(char close) throws IOException {
        skipSpace();
        char c = next();
        if (c == close) {
            return true;
        }
        if (c != ',') {
            throw malformed("',' or '" + close + "' expected");
        }
        return false;
    }

    private String string() throws IOException {
        at++;
        StringBuilder out = null;
        int start = at;
        while (true) {
            if (at >= text.length()) {
                throw malformed("unterminated string");
            }
            char c = text.charAt(at);
            if (c == '"') {
                String s = out == null ? text.substring(start, at) : out.append(text, start, at).toString();
                at++;
                return s;
            }
            if (c < 0x20) {
                throw malformed("control character in a string");
            }
            if (c != '\\') {
                at++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder();
            }
            out.append(text, start, at);
            at++;
            char escaped = next();
            switch (escaped) {
                case '"', '\\', '/' -> out.append(escaped);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) {
                        throw malformed("short \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                    } catch (NumberFormatException e) {
                        throw malformed("bad \\u escape");
                    }
                    at += 4;
                }
                default -> throw malformed("bad escape '\\" + escaped + "'");
            }
            start = at;
        }
    }

    private Object number() throws IOException {
        int start = at;
        if (peek() == '-') {
            at++;
        }
        boolean integral = true;
        int digits = digits();
        if (digits == 0 || (digits > 1 && text.charAt(at - digits) == '0')) {
            throw malformed("bad number");
        }
        if (peek() == '.') {
            at++;
            integral = false;
            if (digits() == 0) {
                throw malformed("bad number");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            integral = false;
            if (peek() == '+' || peek() == '-') {
                at++;
            }
            if (digits() == 0) {
                throw malformed("bad number");
            }
        }
        String number = text.substring(start, at);
        if (integral) {
            try {
                return Long.parseLong(number);
            } catch (NumberFormatException e) {
                // Beyond a long: as a double, as Jackson's asLong would read it.
            }
        }
        return Double.parseDouble(number);
    }

    private int digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at - start;
    }

    private Object literal(String word, Object value) throws IOException {
        if (!text.startsWith(word, at)) {
            throw malformed("unexpected '" + text.charAt(at) + "'");
        }
        at += word.length();
        return value;
    }

    private void skipSpace() {
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            at++;
        }
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private char next() throws IOException {
        if (at >= text.length()) {
            throw malformed("unexpected end");
        }
        return text.charAt(at++);
    }

    private void expect(char c) throws IOException {
        if (next() != c) {
            throw malformed("'" + c + "' expected");
        }
    }

    private IOException malformed(String problem) {
        return new IOException("malformed JSON at offset " + at + ": " + problem);
    }
}
