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

    /** JDK 9 brought jlink; Temurin publishes no 9 or 10 images, so 11 is the first JDK image that links. */
    public static final int FIRST_LINKING_RELEASE = 11;
    /**
     * The JDK that links for an older release: jlink links a runtime of its own version, and a JDK 17 runtime runs
     * Java 8 class files; 17 is the oldest JDK still supported by the plugin's own stand-ins and its jdeps analysis.
     */
    static final int LINKING_JDK_FOR_OLD_RELEASES = 17;

    /** The JDK image for the builder stage: the release's own, except where that JDK cannot link. */
    public String defaultBuilderImage(int javaRelease) {
        return defaultBuilderImageOf(this == JLINK && javaRelease < FIRST_LINKING_RELEASE ? LINKING_JDK_FOR_OLD_RELEASES : javaRelease);
    }

    private static String defaultBuilderImageOf(int jdk) {
        return "eclipse-temurin:" + jdk + "-jdk";
    }
}
