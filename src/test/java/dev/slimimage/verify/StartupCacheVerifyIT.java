package dev.slimimage.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.docker.BuildResult;
import dev.slimimage.docker.DockerConnector;
import dev.slimimage.docker.DockerDaemon;
import dev.slimimage.docker.DockerException;
import dev.slimimage.testing.TestJar;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * slim:verify against images with a startup cache, built on the real daemon from handwritten Dockerfiles the way the
 * build makes them: a training stage on the runtime image writes the cache, the final stage copies only the archive as
 * its last layer and carries the label. The JVM silently starts without a cache that does not match; verify must fail.
 */
class StartupCacheVerifyIT {

    private static final String JRE17 = "eclipse-temurin:17-jre";
    private static final String JDK25 = "eclipse-temurin:25-jdk";
    private static final String JRE25 = "eclipse-temurin:25-jre";
    private static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static DockerDaemon daemon;
    private static final List<String> made = new ArrayList<>();

    @TempDir
    Path tmp;

    @BeforeAll
    static void connect() throws DockerException {
        daemon = DockerConnector.dockerJava().connect(Optional.empty());
    }

    @AfterAll
    static void removeAndClose() {
        made.forEach(daemon.images()::removeIfUnused);
        daemon.close();
    }

    @Test
    void aCdsArchiveTrainedOnTheImagesOwnJarPasses() throws Exception {
        String image = build("cds-match", JRE17, JRE17, "-XX:ArchiveClassesAtExit", "app.jar", "cds", "-XX:SharedArchiveFile");
        List<String> log = new ArrayList<>();

        VerifyResult result = verify(image, log);

        assertThat(result.passed()).as(result.summary() + "\n" + result.output()).isTrue();
        assertThat(result.output()).contains("Picked up JAVA_TOOL_OPTIONS: -Xshare:on");
        assertThat(log).anyMatch(l -> l.contains("its startup cache /app/startup/app.jsa must map (-Xshare:on in JAVA_TOOL_OPTIONS)"));
    }

    @Test
    void aCdsArchiveTrainedOnAnotherJarFailsNamingTheJar() throws Exception {
        String image = build("cds-other-jar", JRE17, JRE17, "-XX:ArchiveClassesAtExit", "other.jar", "cds",
                "-XX:SharedArchiveFile");

        VerifyResult result = verify(image, new ArrayList<>());

        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).isEqualTo("the JVM could not use the startup cache /app/startup/app.jsa (A jar file is not the "
                + "one used while building the shared archive file: /app/app.jar) and would start without it, slower: it is missing "
                + "or does not match the image's classes, class path or Java runtime; rebuild the image (mvn package) so that it "
                + "is trained on exactly what the image runs");
    }

    @Test
    void anAotCacheTrainedOnTheRuntimeImagePasses() throws Exception {
        String image = build("aot-match", JRE25, JRE25, "-XX:AOTCacheOutput", "app.jar", "aot", "-XX:AOTCache");

        VerifyResult result = verify(image, new ArrayList<>());

        assertThat(result.passed()).as(result.summary() + "\n" + result.output()).isTrue();
    }

    /** The JDK image's modules file is not the JRE's: the trap of training on the builder image instead of the runtime. */
    @Test
    void anAotCacheTrainedOnAnotherJavaRuntimeFails() throws Exception {
        String image = build("aot-other-jdk", JDK25, JRE25, "-XX:AOTCacheOutput", "app.jar", "aot", "-XX:AOTCache");

        VerifyResult result = verify(image, new ArrayList<>());

        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).startsWith("the JVM could not use the startup cache /app/startup/app.aot (This file is not the "
                + "one used while building the shared archive file: '/opt/java/openjdk/lib/modules', size has changed)");
    }

    private static VerifyResult verify(String image, List<String> log) throws Exception {
        return new ImageVerifier(DockerConnector.dockerJava()).verify(new VerifyPlan(image, Optional.empty(), "/slim-it/cds10-" + ID,
                List.of(), Optional.empty(), Optional.empty(), OptionalInt.empty(), Duration.ofSeconds(60), Duration.ofSeconds(30)),
                log::add);
    }

    /**
     * Trains the cache on {@code trainingImage} with app.jar at /app/app.jar, then copies {@code finalJar} to the same path
     * in a stage on {@code runtimeImage}, with the archive last.
     */
    private String build(String name, String trainingImage, String runtimeImage, String trainOption, String finalJar, String kind,
                         String useOption) throws Exception {
        String archive = "/app/startup/app." + (kind.equals("aot") ? "aot" : "jsa");
        String dockerfile = "FROM " + trainingImage + " AS training\n"
                + "COPY app.jar /app/app.jar\n"
                + "RUN [\"java\", \"" + trainOption + "=/tmp/cache\", \"-cp\", \"/app/app.jar\", \"Hello\"]\n"
                + "FROM " + runtimeImage + "\n"
                + "COPY " + finalJar + " /app/app.jar\n"
                + "COPY --from=training /tmp/cache " + archive + "\n"
                + "LABEL " + StartupCacheCheck.LABEL + "=" + kind + "\n"
                + "ENTRYPOINT [\"java\", \"" + useOption + "=" + archive + "\", \"-cp\", \"/app/app.jar\", \"Hello\"]\n";
        byte[] app = Files.readAllBytes(TestJar.create().mainClass("Hello", 17).writeTo(tmp.resolve("app.jar")));
        byte[] other = Files.readAllBytes(TestJar.create().mainClass("Hello", 17).clazz("Helper", 17).writeTo(tmp.resolve("other.jar")));
        String tag = "slim-it/cds10-" + name + "-" + ID + ":1";
        List<String> output = new ArrayList<>();
        BuildResult result = daemon.builds().build(contextTar(Map.of("Dockerfile", dockerfile.getBytes(StandardCharsets.UTF_8),
                "app.jar", app, "other.jar", other)), Set.of(tag), false, output::add);
        made.add(tag);
        made.addAll(result.stageImageIds().subList(0, result.stageImageIds().size() - 1));
        return tag;
    }

    private static ByteArrayInputStream contextTar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream archive = new TarArchiveOutputStream(out)) {
            for (var file : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                entry.setModTime(1_700_000_000_000L);
                archive.putArchiveEntry(entry);
                archive.write(file.getValue());
                archive.closeArchiveEntry();
            }
        }
        return new ByteArrayInputStream(out.toByteArray());
    }
}
