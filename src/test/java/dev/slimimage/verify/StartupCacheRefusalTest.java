package dev.slimimage.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.docker.ImageInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the JVM prints when a required startup cache does not map, recorded from Debian's OpenJDK 17.0 and Temurin
 * 25.0.3 (exit code 1 in every refusal below; with {@code -Xshare:auto}, the default, the same runs exit 0).
 */
class StartupCacheRefusalTest {

    /** JDK 17, -Xshare:on, the jar on the class path replaced after training: stderr, then stdout. */
    static final String JDK17_JAR_CHANGED = """
            An error has occurred while processing the shared archive file.
            A jar file is not the one used while building the shared archive file: /app/app.jar
            Error occurred during initialization of VM
            Unable to use shared archive.
            """;

    /** The same, with stdout's line between the two stderr lines, as a busy container log interleaves them. */
    static final String JDK17_JAR_CHANGED_INTERLEAVED = """
            An error has occurred while processing the shared archive file.
            Error occurred during initialization of VM
            A jar file is not the one used while building the shared archive file: /app/app.jar
            Unable to use shared archive.
            """;

    /** JDK 17, -Xshare:on, another class path: stdout first this time, as the container's log may interleave them. */
    static final String JDK17_CLASS_PATH_CHANGED = """
            Error occurred during initialization of VM
            Unable to use shared archive.
            An error has occurred while processing the shared archive file.
            shared class paths mismatch (hint: enable -Xlog:class+path=info to diagnose the failure)
            """;

    static final String JDK17_MISSING = """
            Picked up JAVA_TOOL_OPTIONS: -Xshare:on
            An error has occurred while processing the shared archive file.
            Specified shared archive not found (/app/startup/app.jsa).
            Error occurred during initialization of VM
            Unable to use shared archive.
            """;

    /** JDK 25, -Xshare:on with a dynamic archive, the jar replaced after training (all on stdout). */
    static final String JDK25_CDS_JAR_CHANGED = """
            [0.014s][warning][cds] This file is not the one used while building the shared archive file: 'b/app.jar', timestamp has changed, size has changed
            [0.014s][error  ][cds] shared class paths mismatch (hint: enable -Xlog:class+path=info to diagnose the failure)
            [0.015s][error  ][cds] An error has occurred while processing the shared archive file. Run with -Xlog:aot,cds for details.
            [0.015s][error  ][cds] unrecoverable error
            Error occurred during initialization of VM
            Unable to use shared archive. Unrecoverable archive loading error (run with -Xlog:aot,cds for details): unrecoverable error
            """;

    /** JDK 25 given JDK 17's archive. */
    static final String JDK25_CDS_OLD_VERSION = """
            [0.005s][warning][cds] Cannot handle shared archive file version 0xb. Must be at least 0xd.
            [0.005s][error  ][cds] Not a valid shared archive file (app17.jsa)
            [0.005s][error  ][cds] CDS is incompatible with other specified options.
            Error occurred during initialization of VM
            Unable to use shared archive: invalid archive
            """;

    /** JDK 25, -XX:AOTMode=on, no file at the AOTCache path: no reason without -Xlog:aot. */
    static final String JDK25_AOT_MISSING = """
            Picked up JAVA_TOOL_OPTIONS: -XX:AOTMode=on
            [0.014s][error][aot] An error has occurred while processing the AOT cache. Run with -Xlog:aot for details.
            [0.014s][error][aot] Loading static archive failed.
            [0.014s][error][aot] Unable to map shared spaces
            Error occurred during initialization of VM
            Unable to use AOT cache.
            """;

    /** JDK 25 in a container: a cache trained on the JDK image, used on the JRE image (another lib/modules). */
    static final String JDK25_AOT_OTHER_RUNTIME = """
            [0.018s][warning][aot] This file is not the one used while building the shared archive file: '/opt/java/openjdk/lib/modules', size has changed
            [0.018s][error  ][aot] An error has occurred while processing the AOT cache. Run with -Xlog:aot for details.
            [0.018s][error  ][aot] Unable to map shared spaces
            Error occurred during initialization of VM
            Unable to use AOT cache.
            """;

    /** JDK 25, -XX:AOTMode=on, a heap setting that turns compressed oops off: the reason is a continuation line. */
    static final String JDK25_AOT_OTHER_OPTIONS = """
            [0.018s][warning][aot] Unable to use AOT cache.
            [                    ] The saved state of UseCompressedOops and UseCompressedClassPointers is different from runtime, CDS will be disabled.
            [0.018s][error  ][aot] An error has occurred while processing the AOT cache. Run with -Xlog:aot for details.
            [0.018s][error  ][aot] Loading static archive failed.
            [0.018s][error  ][aot] Unable to map shared spaces
            Error occurred during initialization of VM
            Unable to use AOT cache.
            """;

    @Test
    void theJdk17ReasonIsFoundWhenStdoutComesBetweenTheStderrLines() {
        assertThat(FailureDiagnosis.startupCacheRefusal(JDK17_JAR_CHANGED_INTERLEAVED))
                .contains("A jar file is not the one used while building the shared archive file: /app/app.jar");
    }

    @Test
    void jdk17NamesTheJarThatChanged() {
        assertThat(FailureDiagnosis.startupCacheRefusal(JDK17_JAR_CHANGED))
                .hasValue("A jar file is not the one used while building the shared archive file: /app/app.jar");
    }

    @Test
    void jdk17ClassPathMismatchIsFoundInEitherOrderWithoutTheHint() {
        assertThat(FailureDiagnosis.startupCacheRefusal(JDK17_CLASS_PATH_CHANGED)).hasValue("shared class paths mismatch");
    }

    @Test
    void jdk17MissingArchive() {
        assertThat(FailureDiagnosis.startupCacheRefusal(JDK17_MISSING))
                .hasValue("Specified shared archive not found (/app/startup/app.jsa)");
    }

    @Test
    void jdk25TakesTheFirstSpecificLogLine() {
        assertThat(FailureDiagnosis.startupCacheRefusal(JDK25_CDS_JAR_CHANGED)).hasValue("This file is not the one used while "
                + "building the shared archive file: 'b/app.jar', timestamp has changed, size has changed");
        assertThat(FailureDiagnosis.startupCacheRefusal(JDK25_CDS_OLD_VERSION))
                .hasValue("Cannot handle shared archive file version 0xb. Must be at least 0xd");
    }

    @Test
    void aotCacheReasonsAndTheirAbsence() {
        assertThat(FailureDiagnosis.startupCacheRefusal(JDK25_AOT_MISSING)).hasValue("");
        assertThat(FailureDiagnosis.startupCacheRefusal(JDK25_AOT_OTHER_RUNTIME)).hasValue("This file is not the one used while "
                + "building the shared archive file: '/opt/java/openjdk/lib/modules', size has changed");
        assertThat(FailureDiagnosis.startupCacheRefusal(JDK25_AOT_OTHER_OPTIONS)).hasValue("The saved state of UseCompressedOops "
                + "and UseCompressedClassPointers is different from runtime, CDS will be disabled");
    }

    @Test
    void otherFailuresAndCleanStartsAreNoRefusal() {
        assertThat(FailureDiagnosis.startupCacheRefusal("Picked up JAVA_TOOL_OPTIONS: -Xshare:on\nhello 2026\n")).isEmpty();
        assertThat(FailureDiagnosis.startupCacheRefusal("Exception in thread \"main\" java.lang.IllegalStateException: no config\n"))
                .isEmpty();
        // With -Xshare:auto the JVM only warns and goes on; in the output of a failed run the warning still means no cache.
        assertThat(FailureDiagnosis.startupCacheRefusal(
                "[0.014s][warning][cds,dynamic] Unable to use shared archive. The top archive failed to load: app17.jsa\nHELLO\n"))
                .hasValue("");
    }

    @Test
    void theImageLabelChoosesTheRequiredOptionAndKeepsTheImagesToolOptions() {
        ImageInfo cds = image(Map.of(StartupCacheCheck.LABEL, "cds"), Map.of("JAVA_TOOL_OPTIONS", "-Dfile.encoding=UTF-8 "));
        ImageInfo aot = image(Map.of(StartupCacheCheck.LABEL, "aot"), Map.of());

        assertThat(StartupCacheCheck.of(cds).orElseThrow().environment(cds.env()))
                .containsExactly(Map.entry("JAVA_TOOL_OPTIONS", "-Dfile.encoding=UTF-8 -Xshare:on"));
        assertThat(StartupCacheCheck.of(aot).orElseThrow().environment(aot.env()))
                .containsExactly(Map.entry("JAVA_TOOL_OPTIONS", "-XX:AOTMode=on"));
        assertThat(StartupCacheCheck.of(image(Map.of(StartupCacheCheck.LABEL, "none"), Map.of()))).isEmpty();
        assertThat(StartupCacheCheck.of(image(Map.of(), Map.of()))).isEmpty();
    }

    @Test
    void aRefusalIsOneSentenceWithTheReasonOrTheCommandThatShowsIt() {
        StartupCacheCheck cds = new StartupCacheCheck("cds", "/app/startup/app.jsa");
        StartupCacheCheck aot = new StartupCacheCheck("aot", "/app/startup/app.aot");

        VerifyResult jar = cds.refusal("app:1", JDK17_JAR_CHANGED).orElseThrow();
        VerifyResult missing = aot.refusal("app:1", JDK25_AOT_MISSING).orElseThrow();

        assertThat(jar.summary()).isEqualTo("the JVM could not use the startup cache /app/startup/app.jsa (A jar file is not the "
                + "one used while building the shared archive file: /app/app.jar) and would start without it, slower: it is missing "
                + "or does not match the image's classes, class path or Java runtime; rebuild the image (mvn package) so that it "
                + "is trained on exactly what the image runs");
        assertThat(jar.hints()).isEmpty();
        assertThat(missing.summary()).startsWith("the JVM could not use the startup cache /app/startup/app.aot and would start");
        assertThat(missing.hints()).containsExactly(
                "The JVM's details: docker run --rm -e JAVA_TOOL_OPTIONS='-XX:AOTMode=on -Xlog:aot' app:1");
        assertThat(cds.refusal("app:1", "hello\n")).isEmpty();
    }

    private static ImageInfo image(Map<String, String> labels, Map<String, String> env) {
        return new ImageInfo("sha256:1", 1, List.of("app:1"), labels, List.of(), List.of(), env);
    }
}
