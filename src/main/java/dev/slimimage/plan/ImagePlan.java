package dev.slimimage.plan;


import dev.slimimage.analysis.AppAnalysis;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to write the Dockerfile and its context: the analysed application plus the user's choices.
 *
 * @param builderImage the JDK image; the baseline is computed against it, and stages that need a JDK start from it
 * @param fileTimestamp the modification time every staged file gets, so unchanged inputs give identical layers
 * @param args the program arguments the image passes to {@code main} unless {@code docker run} gives others (its CMD)
 * @param servletContainerImage a WAR's Tomcat image: the runtime image itself for {@code jre}, else the image Tomcat is
 *     copied from onto the runtime image; empty for a jar
 * @param startupCache the class-data or AOT cache trained while the image builds; empty for none
 */
public record ImagePlan(
        AppAnalysis app,
        RuntimeKind runtime,
        String builderImage,
        String runtimeImage,
        String user,
        List<String> jvmFlags,
        List<String> ports,
        Map<String, String> labels,
        Instant fileTimestamp,
        JlinkOptions jlink,
        List<String> args,
        Optional<String> servletContainerImage,
        Optional<StartupCache> startupCache) {

    /** A plan whose image passes no arguments to {@code main} by default. */
    public ImagePlan(AppAnalysis app, RuntimeKind runtime, String builderImage, String runtimeImage, String user,
                     List<String> jvmFlags, List<String> ports, Map<String, String> labels, Instant fileTimestamp,
                     JlinkOptions jlink) {
        this(app, runtime, builderImage, runtimeImage, user, jvmFlags, ports, labels, fileTimestamp, jlink, List.of());
    }

    /** A plan without a servlet container: a jar application. */
    public ImagePlan(AppAnalysis app, RuntimeKind runtime, String builderImage, String runtimeImage, String user,
                     List<String> jvmFlags, List<String> ports, Map<String, String> labels, Instant fileTimestamp,
                     JlinkOptions jlink, List<String> args) {
        this(app, runtime, builderImage, runtimeImage, user, jvmFlags, ports, labels, fileTimestamp, jlink, args, Optional.empty());
    }

    /** A plan without a startup cache. */
    public ImagePlan(AppAnalysis app, RuntimeKind runtime, String builderImage, String runtimeImage, String user,
                     List<String> jvmFlags, List<String> ports, Map<String, String> labels, Instant fileTimestamp,
                     JlinkOptions jlink, List<String> args, Optional<String> servletContainerImage) {
        this(app, runtime, builderImage, runtimeImage, user, jvmFlags, ports, labels, fileTimestamp, jlink, args,
                servletContainerImage, Optional.empty());
    }

    public ImagePlan {
        args = List.copyOf(args);
        jvmFlags = List.copyOf(jvmFlags);
        ports = List.copyOf(ports);
        labels = Map.copyOf(labels);
    }

    /**
     * What the user decides about a linked runtime.
     *
     * @param locales {@code *} for all locale data, {@code none} for none, else language tags for {@code --include-locales}
     * @param cdsArchive whether the runtime carries the JDK's default CDS archive ({@code --generate-cds-archive}, JDK 17+)
     */
    public record JlinkOptions(String locales, List<String> addModules, List<String> excludeModules, boolean cdsArchive) {

        public static final String DEFAULT_LOCALES = "en,de,fr,es,it,pt,nl,sv,pl,ru,tr,ja,zh,ko";
        public static final JlinkOptions DEFAULTS = new JlinkOptions(DEFAULT_LOCALES, List.of(), List.of());

        public JlinkOptions {
            addModules = List.copyOf(addModules);
            excludeModules = List.copyOf(excludeModules);
        }

        /** Options with the default CDS archive. */
        public JlinkOptions(String locales, List<String> addModules, List<String> excludeModules) {
            this(locales, addModules, excludeModules, true);
        }
    }
}
