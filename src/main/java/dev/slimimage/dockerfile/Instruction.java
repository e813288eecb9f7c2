package dev.slimimage.dockerfile;

import dev.slimimage.json.JsonWriter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** One Dockerfile instruction, in classic-builder syntax only (docker-java cannot drive BuildKit). */
public sealed interface Instruction {

    String render();

    /** The name of the image layer this instruction makes, for the report; null for metadata-only steps. */
    default String layer() {
        return null;
    }

    /** A shell-form RUN; the script may span lines joined with backslashes. */
    record Run(String script) implements Instruction {
        public String render() {
            return "RUN " + script;
        }
    }

    /**
     * An exec-form RUN: the builder starts the program itself, without a shell, so it works on distroless and linked
     * runtimes, which have none.
     */
    record RunExec(List<String> argv) implements Instruction {
        public String render() {
            return "RUN " + execForm(argv);
        }
    }

    /** Copies a directory out of an earlier stage; it becomes one image layer. */
    record CopyFromStage(String layer, String stage, String source, String destination) implements Instruction {
        public String render() {
            return "COPY --from=" + stage + " " + source + " " + destination;
        }
    }

    record Env(String name, String value) implements Instruction {
        public String render() {
            return "ENV " + name + "=" + builderQuoted(value);
        }
    }

    /**
     * Copies one staged layer directory; each becomes one image layer. The builder runs COPY paths through its
     * shell-like word processing, so quotes, {@code $} and {@code \\} in a layer name are escaped; a name with white
     * space (a Spring Boot layers.idx may have one) is written in JSON form, where it does not split the arguments.
     */
    record CopyLayer(String layer, String contextDirectory) implements Instruction {
        public String render() {
            String source = (contextDirectory + "/").replaceAll("([\\\\$'\"])", "\\\\$1");
            // Copying into / lets the staged tree carry /app itself, with fixed timestamps, instead of the daemon creating it.
            return source.chars().anyMatch(Character::isWhitespace)
                    ? "COPY [" + quoted(source) + ", \"/\"]"
                    : "COPY " + source + " /";
        }
    }

    /**
     * Copies a staged directory tree owned by {@code owner}. Unlike RUN mkdir it needs no shell (distroless and jlink
     * images have none) and keeps the staged timestamps, so the layer stays reproducible; the existing {@code /} it
     * copies into keeps its owner.
     */
    record CopyOwned(String layer, String contextDirectory, String owner) implements Instruction {
        public String render() {
            return "COPY --chown=" + owner + " " + contextDirectory + "/ /";
        }
    }

    /**
     * Copies a staged directory's content into {@code destination}, owned by {@code owner}: only what the directory
     * holds changes owner, not {@code destination} or its parents.
     */
    record CopyOwnedInto(String layer, String contextDirectory, String destination, String owner) implements Instruction {
        public String render() {
            return "COPY --chown=" + owner + " " + contextDirectory + "/ " + destination + "/";
        }
    }

    record Workdir(String path) implements Instruction {
        public String render() {
            return "WORKDIR " + path;
        }
    }

    record User(String user) implements Instruction {
        public String render() {
            return "USER " + user;
        }
    }

    record Expose(String port) implements Instruction {
        public String render() {
            return "EXPOSE " + port;
        }
    }

    record Labels(Map<String, String> labels) implements Instruction {
        public String render() {
            return "LABEL " + labels.entrySet().stream()
                    .map(e -> e.getKey() + "=" + builderQuoted(e.getValue()))
                    .collect(Collectors.joining(" \\\n      "));
        }
    }

    record Entrypoint(List<String> argv) implements Instruction {
        public String render() {
            return "ENTRYPOINT " + execForm(argv);
        }
    }

    /** Default arguments after the entrypoint; {@code docker run IMAGE a b} replaces them. Must follow ENTRYPOINT, which resets it. */
    record Cmd(List<String> args) implements Instruction {
        public String render() {
            return "CMD " + execForm(args);
        }
    }

    private static String execForm(List<String> argv) {
        return "[" + argv.stream().map(Instruction::quoted).collect(Collectors.joining(", ")) + "]";
    }

    /**
     * Quoted for ENV and LABEL, where the builder expands $VAR inside double quotes; "\\$" keeps it literal. Inside
     * double quotes the builder unescapes only \\", \\$ and \\\\: the escape of a control character would reach the
     * image as text, so a value holding one is refused (the plan checks values before they get here).
     */
    static String builderQuoted(String value) {
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("A LABEL or ENV value cannot hold a control character: " + quoted(value));
        }
        return quoted(value).replace("$", "\\$");
    }

    /** Double-quoted with JSON escaping, as exec-form arrays are JSON; {@link #builderQuoted} builds on it for LABEL and ENV. */
    static String quoted(String value) {
        return JsonWriter.compact(value);
    }
}
