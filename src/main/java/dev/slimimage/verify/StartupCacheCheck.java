package dev.slimimage.verify;

import dev.slimimage.docker.ImageInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.slimimage.plan.StartupCache;
import java.util.Optional;

/**
 * The startup cache an image carries, checked while it is verified. At run time the JVM silently ignores a cache that
 * is missing or does not match the image ({@code -Xshare:auto}): the image then only starts slower. So verify runs the
 * container with the cache required ({@code -Xshare:on} for a CDS archive, {@code -XX:AOTMode=on} for an AOT cache),
 * given in {@code JAVA_TOOL_OPTIONS} after whatever the image sets there: a cache that does not map stops the JVM at
 * once, and the verification fails with the JVM's reason.
 *
 * @param kind {@value #CDS} or {@value #AOT}, as the image's {@value #LABEL} label says
 * @param archive where the cache lives in the image
 */
public record StartupCacheCheck(String kind, String archive) {

    /** The label a build puts on an image that carries a startup cache; its value is the kind. */
    public static final String LABEL = StartupCache.LABEL;
    public static final String CDS = "cds";
    public static final String AOT = "aot";
    static final String CDS_ARCHIVE = StartupCache.Kind.CDS.archivePath();
    static final String AOT_ARCHIVE = StartupCache.Kind.AOT.archivePath();
    static final String TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    /** The check for an image, or empty when it carries no startup cache (or one of a kind this version does not know). */
    public static Optional<StartupCacheCheck> of(ImageInfo image) {
        String kind = image.labels().get(LABEL);
        if (CDS.equals(kind)) {
            return Optional.of(new StartupCacheCheck(CDS, CDS_ARCHIVE));
        }
        if (AOT.equals(kind)) {
            return Optional.of(new StartupCacheCheck(AOT, AOT_ARCHIVE));
        }
        return Optional.empty();
    }

    /** The JVM option that makes a cache that does not map a startup error instead of a silent slow start. */
    public String requiredOption() {
        return kind.equals(AOT) ? "-XX:AOTMode=on" : "-Xshare:on";
    }

    /** The container's environment over the image's: its {@code JAVA_TOOL_OPTIONS}, kept, with the option appended. */
    public Map<String, String> environment(Map<String, String> imageEnv) {
        String own = imageEnv.getOrDefault(TOOL_OPTIONS, "").strip();
        Map<String, String> env = new LinkedHashMap<>();
        env.put(TOOL_OPTIONS, own.isEmpty() ? requiredOption() : own + " " + requiredOption());
        return env;
    }

    /** For the verify log line. */
    String describe() {
        return "; its startup cache " + archive + " must map (" + requiredOption() + " in " + TOOL_OPTIONS + ")";
    }

    /**
     * The failed verification when the JVM refused the cache: one sentence with the JVM's reason, and when it gave none,
     * the command that shows its details. Empty when the output shows no refusal (the container failed for another reason).
     */
    Optional<VerifyResult> refusal(String image, String output) {
        return FailureDiagnosis.startupCacheRefusal(output).map(reason -> new VerifyResult(false,
                "the JVM could not use the startup cache " + archive + (reason.isEmpty() ? "" : " (" + reason + ")")
                + " and would start without it, slower: it is missing or does not match the image's classes, class path or Java "
                + "runtime; rebuild the image (mvn package) so that it is trained on exactly what the image runs",
                output, reason.isEmpty() ? List.of("The JVM's details: docker run --rm -e " + TOOL_OPTIONS + "='" + requiredOption() + " "
                        + (kind.equals(AOT) ? "-Xlog:aot" : "-Xlog:cds") + "' " + image) : List.of()));
    }
}
