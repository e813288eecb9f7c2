package dev.slimimage.plan;

import java.util.List;
import java.util.Locale;

/**
 * A cache of the application's loaded and linked classes, trained in a stage of its own while the image builds and
 * copied into the image as its last layer: a dynamic AppCDS archive (Java 17–24) or an AOT cache (Java 25+).
 *
 * @param kind what the JVM writes
 * @param javaRelease the Java release of the runtime that trains and uses it
 * @param trainingJvmFlags JVM flags of the training run only, after the image's own
 * @param trainingArgs the program arguments of the training run: a run that starts the application and exits
 */
public record StartupCache(Kind kind, int javaRelease, List<String> trainingJvmFlags, List<String> trainingArgs) {

    /** Where the archive lives in the image. */
    public static final String DIRECTORY = "/app/startup";
    /** The image label that names the kind of cache the image carries ({@code cds} or {@code aot}). */
    public static final String LABEL = "dev.slimimage.startup-cache";
    /** The name of the cache's layer in the plan and the report. */
    public static final String LAYER = "startup-cache";

    public StartupCache {
        trainingJvmFlags = List.copyOf(trainingJvmFlags);
        trainingArgs = List.copyOf(trainingArgs);
    }

    public enum Kind {
        /** Dynamic AppCDS (JDK 13+): an archive of the classes loaded, on top of the JDK's default CDS archive. */
        CDS("app.jsa", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile="),
        /** The AOT cache of JEP 483/514/515 (JDK 25+): classes loaded and linked, method profiles, in one training run. */
        AOT("app.aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=");

        private final String fileName;
        private final String trainingOption;
        private final String runtimeOption;

        Kind(String fileName, String trainingOption, String runtimeOption) {
            this.fileName = fileName;
            this.trainingOption = trainingOption;
            this.runtimeOption = runtimeOption;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The archive's path in the image, and in the training stage that writes it. */
        public String archivePath() {
            return DIRECTORY + "/" + fileName;
        }

        public String description() {
            return this == CDS ? "dynamic AppCDS archive" : "AOT cache";
        }
    }

    /** The archive's path in the image, and in the training stage that writes it. */
    public String archivePath() {
        return kind.archivePath();
    }

    /** The JVM option of the training run that writes the archive. */
    public String trainingOption() {
        return kind.trainingOption + archivePath();
    }

    /** The JVM option of the image's entry point that uses the archive. */
    public String runtimeOption() {
        return kind.runtimeOption + archivePath();
    }
}
