package dev.slimimage.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user's settings as given, unchecked: {@link PlanFactory} validates them. A null value means unset and gets
 * the default; null lists and maps are empty.
 *
 * @param mainClass the class whose {@code main} starts the application; unset: from the manifest or a class scan
 * @param jvmFlags JVM flags; a heap limit is added unless they set one
 * @param args the program arguments the image passes to {@code main} by default (its CMD)
 * @param runtime {@code jre}, {@code distroless} or {@code jlink}; unset: {@code jre}
 * @param builderImage the JDK image; unset: chosen by the Java release
 * @param runtimeImage the image the runtime stage starts from; unset: chosen by {@code runtime} and the Java release
 * @param locales jlink: {@code *}, {@code none} or language tags; unset: {@link ImagePlan.JlinkOptions#DEFAULT_LOCALES}
 * @param addModules jlink: modules to link in addition, comma-separated entries allowed
 * @param excludeModules jlink: modules to leave out, comma-separated entries allowed
 * @param user the user the container runs as; unset: {@value PlanFactory#DEFAULT_USER}
 * @param ports ports to EXPOSE, e.g. {@code 8080} or {@code 8125/udp}
 * @param labels image labels; they override the project's
 * @param outputTimestamp {@code project.build.outputTimestamp}: ISO-8601 or epoch seconds; unset or one character: none
 * @param servletContainerImage a WAR's Tomcat image; unset: {@code tomcat:10.1-jre<release>}
 * @param jlinkCdsArchive jlink: whether the linked runtime carries the JDK's default CDS archive; unset: true
 * @param startupCache {@code none}, {@code auto}, {@code cds} or {@code aot}; unset: {@code none}
 * @param trainingJvmFlags JVM flags of the startup cache's training run only
 * @param trainingArgs the program arguments of the startup cache's training run
 */
public record PlanRequest(
        // what runs
        String mainClass,
        List<String> jvmFlags,
        List<String> args,
        // on what
        String runtime,
        String builderImage,
        String runtimeImage,
        String locales,
        List<String> addModules,
        List<String> excludeModules,
        // how the image presents itself
        String user,
        List<String> ports,
        Map<String, String> labels,
        String outputTimestamp,
        String servletContainerImage,
        // how it starts
        Boolean jlinkCdsArchive,
        String startupCache,
        List<String> trainingJvmFlags,
        List<String> trainingArgs) {

    /** A request without a startup cache, linking the default CDS archive. */
    public PlanRequest(String mainClass, List<String> jvmFlags, List<String> args, String runtime, String builderImage,
                       String runtimeImage, String locales, List<String> addModules, List<String> excludeModules, String user,
                       List<String> ports, Map<String, String> labels, String outputTimestamp, String servletContainerImage) {
        this(mainClass, jvmFlags, args, runtime, builderImage, runtimeImage, locales, addModules, excludeModules, user, ports,
                labels, outputTimestamp, servletContainerImage, null, null, null, null);
    }

    public PlanRequest {
        trainingJvmFlags = copy(trainingJvmFlags);
        trainingArgs = copy(trainingArgs);
        jvmFlags = copy(jvmFlags);
        args = copy(args);
        ports = copy(ports);
        labels = labels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        addModules = copy(addModules);
        excludeModules = copy(excludeModules);
    }

    /** Maven may hand over null elements (an empty {@code <port/>}); List.copyOf would refuse them. */
    private static List<String> copy(List<String> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
