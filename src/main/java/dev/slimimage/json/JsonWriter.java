package dev.slimimage.json;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * Writes the plugin's records, maps, lists and plain values as JSON with the JDK alone, as Jackson writes them: a record
 * as an object of its components in declaration order (nulls included), an enum by name, a non-finite number as a
 * string, and pretty output in Jackson's default layout ({@code "name" : value}, arrays on one line as {@code [ a, b ]}).
 * Only real builds write, but Jackson's object mapper costs a few tenths of a second to start in a fresh class realm,
 * which is most of what a one-class rebuild may take.
 */
public final class JsonWriter {

    private final boolean pretty;
    private final StringBuilder out = new StringBuilder();
    /** Open objects: what a pretty line is indented by (arrays stay on their line). */
    private int depth;

    private JsonWriter(boolean pretty) {
        this.pretty = pretty;
    }

    /** {@code value} as compact JSON. */
    public static String compact(Object value) {
        return new JsonWriter(false).write(value).out.toString();
    }

    /** {@code value} as indented JSON, as Jackson's {@code INDENT_OUTPUT} writes it. */
    public static String indented(Object value) {
        return new JsonWriter(true).write(value).out.toString();
    }

    private JsonWriter write(Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(text);
        } else if (value instanceof Boolean || value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isFinite(number)) {
                out.append(value);
            } else {
                string(value.toString());
            }
        } else if (value instanceof Enum<?> constant) {
            string(constant.name());
        } else if (value instanceof Map<?, ?> map) {
            object(map);
        } else if (value instanceof Iterable<?> items) {
            array(items);
        } else if (value.getClass().isRecord()) {
            object(components(value));
        } else {
            throw new IllegalArgumentException("no JSON form for a " + value.getClass().getName());
        }
        return this;
    }

    private static Map<String, Object> components(Object record) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                fields.put(component.getName(), accessor.invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component + " of " + record.getClass().getName(), e);
            }
        }
        return fields;
    }

    private void object(Map<?, ?> map) {
        out.append('{');
        if (map.isEmpty()) {
            out.append(pretty ? " }" : "}");
            return;
        }
        depth++;
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(first ? "" : ",");
            first = false;
            newLine();
            string(String.valueOf(entry.getKey()));
            out.append(pretty ? " : " : ":");
            write(entry.getValue());
        }
        depth--;
        newLine();
        out.append('}');
    }

    private void array(Iterable<?> items) {
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            out.append(first ? (pretty ? " " : "") : (pretty ? ", " : ","));
            first = false;
            write(item);
        }
        out.append(pretty ? " ]" : "]");
    }

    private void newLine() {
        if (pretty) {
            out.append('\n').append("  ".repeat(depth));
        }
    }

    private void string(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
