package dev.slimimage.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the runtime stage starts from. */
public enum RuntimeKind {
    /** A JRE image such as {@code eclipse-temurin:17-jre}: has a shell, easiest to debug. */
    JRE,
    /** A distroless Java image: no shell, no package manager. */
    DISTROLESS,
    /** A runtime linked with jlink from the builder JDK, holding only the modules the application needs. */
    JLINK;

    /** The image label that names the runtime kind; verify reads it to know whether a missing JDK class means a missing module. */
    public static final String RUNTIME_LABEL = "dev.slimimage.runtime";

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RuntimeKind parse(String value) throws ConfigurationException {
        for (RuntimeKind kind : values()) {
            if (value != null && kind.id().equalsIgnoreCase(value.strip())) {
                return kind;
            }
        }
        throw new ConfigurationException("runtime", value, "Unknown runtime '" + value + "'",
                "use one of " + Arrays.stream(values()).map(RuntimeKind::id).collect(Collectors.joining(", ")));
    }

    /** The image a user of this runtime would pick for the given Java release. */
    public String defaultImage(int javaRelease) {
        return switch (this) {
            case JRE -> "eclipse-temurin:" + javaRelease + "-jre";
            case DISTROLESS -> "gcr.io/distroless/java" + javaRelease + "-debian12";
            // cc, not base: a runtime linked from a Debian-built JDK needs libstdc++; a Temurin-built one needs only glibc.
            case JLINK -> "gcr.io/distroless/cc-debian12";
        };
    }

    public static String defaultBuilderImage(int javaRelease) {
        return "eclipse-temurin:" + javaRelease + "-jdk";
    }
}
