package dev.slimimage.modules;

import dev.slimimage.context.FileDigests;
import static dev.slimimage.modules.ModuleFixtures.LOCALES;
import static dev.slimimage.modules.ModuleFixtures.withJdbcUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.testing.ClassBytes;
import dev.slimimage.testing.TestJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleResolverCacheTest {

    private static final String CACHED = "(cached: classes and dependencies unchanged)";
    private static final String PROBED = "com.sun.management.OperatingSystemMXBean";

    @TempDir
    Path tmp;

    private Path cache;
    private Path app;
    private Path probeClass;
    private Path lib;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void writeApplication() throws IOException {
        cache = tmp.resolve("cache");
        app = withJdbcUser(TestJar.create().mainClass("com.example.Main", 17), "com.example.Db", 17)
                .entry("com/example/Probe.class", ClassBytes.loadingByName("com.example.Probe", 17, PROBED))
                .extractTo(tmp.resolve("app/classes"));
        probeClass = app.resolve("com/example/Probe.class");
        lib = TestJar.create().clazz("com.acme.Util", 11).writeTo(tmp.resolve("lib/acme-util-1.0.jar"));
    }

    private ModuleInputs inputs(String locales, List<String> addModules) {
        return new ModuleInputs(17, List.of(app), List.of(lib), null, locales, addModules, List.of());
    }

    private ModuleSet resolve(ModuleInputs inputs) throws IOException {
        // As a build does: the digests kept in the cache directory, written back once the analysis is done.
        Path digestsFile = cache.resolve(FileDigests.CACHE_FILE);
        FileDigests digests = FileDigests.read(digestsFile);
        ModuleSet modules = new ModuleResolver().resolve(inputs, cache, digests::sha256, log::add);
        digests.write(digestsFile);
        return modules;
    }

    @Test
    void sameInputsAgainReuseTheResultAndSaySo() throws IOException {
        ModuleSet first = resolve(inputs(LOCALES, List.of()));

        ModuleSet second = resolve(inputs(LOCALES, List.of()));

        assertThat(first.method()).doesNotContain("cached");
        assertThat(second.method()).isEqualTo(first.method() + " " + CACHED);
        assertThat(second.modules()).isEqualTo(first.modules());
        assertThat(second.includeLocales()).isEqualTo(first.includeLocales());
        assertThat(second.excluded()).isEqualTo(first.excluded());
        assertThat(first.names()).contains("java.sql", "jdk.management");
    }

    @Test
    void aChangedDependencyJarIsReadAgainAndTheOthersAreNot() throws IOException {
        Path naming = TestJar.create().entry(ClassBytes.entryName("com.acme.Jndi"),
                ClassBytes.callingStatic("com.acme.Jndi", 11, "javax/naming/InitialContext", "doLookup", "(Ljava/lang/String;)Ljava/lang/Object;"))
                .writeTo(tmp.resolve("lib/acme-jndi-1.0.jar"));
        ModuleInputs inputs = new ModuleInputs(17, List.of(app), List.of(lib, naming), null, LOCALES, List.of(), List.of());
        ModuleSet first = resolve(inputs);
        withJdbcUser(TestJar.create(), "com.acme.Util", 11).writeTo(lib);

        ModuleSet second = resolve(inputs);

        assertThat(first.names()).contains("java.naming");
        assertThat(second.method()).endsWith("(application classes unchanged: their analysis reused; "
                + "1 of 2 dependency jars new or changed: only they were read)");
        assertThat(second.names()).contains("java.naming", "java.sql");
        assertThat(ModuleFixtures.reasons(second).get("java.sql")).anyMatch(r -> r.contains("acme-util-1.0.jar"));
    }

    @Test
    void excludedModulesSurviveTheCache() throws IOException {
        ModuleInputs inputs = new ModuleInputs(17, List.of(app), List.of(lib), null, LOCALES, List.of(), List.of("java.sql"));
        ModuleSet first = resolve(inputs);

        ModuleSet second = resolve(inputs);

        assertThat(second.method()).endsWith(CACHED);
        assertThat(second.excluded()).isEqualTo(first.excluded()).extracting(ModuleChoice::name).containsExactly("java.sql");
        assertThat(second.names()).doesNotContain("java.sql");
    }

    @Test
    void oneChangedByteInOneClassRecomputes() throws IOException {
        resolve(inputs(LOCALES, List.of()));
        byte[] bytes = Files.readAllBytes(probeClass);
        int at = indexOf(bytes, "management.".getBytes(StandardCharsets.UTF_8)) + "managemen".length();
        bytes[at] = 'T'; // com.sun.managemenT.OperatingSystemMXBean: no longer a JDK package
        Files.write(probeClass, bytes);

        ModuleSet second = resolve(inputs(LOCALES, List.of()));

        assertThat(second.method()).doesNotContain("cached")
                .endsWith("(dependencies unchanged: their analysis reused)");
        assertThat(second.names()).doesNotContain("jdk.management").contains("java.sql");
    }

    @Test
    void aSameSizeChangeInPlaceUnderTheFixedTimeOfStagedFilesIsAnalysedAgain() throws Exception {
        // Staged files all carry the reproducible outputTimestamp and are rewritten in place: size, time and inode stay.
        FileTime fixed = FileTime.from(Instant.parse("2024-01-01T00:00:00Z"));
        Files.setLastModifiedTime(probeClass, fixed);
        Files.setLastModifiedTime(lib, fixed);
        Thread.sleep(200); // past the file system's tick, so that the digests of the first analysis are trusted
        ModuleSet first = resolve(inputs(LOCALES, List.of()));
        byte[] bytes = Files.readAllBytes(probeClass);
        int at = indexOf(bytes, "management.".getBytes(StandardCharsets.UTF_8)) + "managemen".length();
        bytes[at] = 'T';
        Files.write(probeClass, bytes);
        Files.setLastModifiedTime(probeClass, fixed);

        ModuleSet second = resolve(inputs(LOCALES, List.of()));

        assertThat(first.names()).contains("jdk.management");
        assertThat(second.method()).endsWith("(dependencies unchanged: their analysis reused)");
        assertThat(second.names()).doesNotContain("jdk.management");
    }

    @Test
    void changedDependencyJarRecomputes() throws IOException {
        resolve(inputs(LOCALES, List.of()));
        TestJar.create().clazz("com.acme.Util", 11).entry("META-INF/services/javax.script.ScriptEngineFactory", "com.acme.E\n")
                .writeTo(lib);

        ModuleSet second = resolve(inputs(LOCALES, List.of()));

        assertThat(second.method()).doesNotContain("cached");
        assertThat(second.names()).contains("java.scripting");
    }

    @Test
    void changedLocalesApplyWhileTheCodeAnalysisIsReused() throws IOException {
        resolve(inputs(LOCALES, List.of()));

        ModuleSet second = resolve(inputs("none", List.of()));

        // Locales do not change what the code uses, so the cached analysis is right; the module set still changes.
        assertThat(second.method()).endsWith(CACHED);
        assertThat(second.names()).doesNotContain("jdk.localedata");
        assertThat(second.includeLocales()).isEmpty();
    }

    @Test
    void changedAddModulesApplyWhileTheCodeAnalysisIsReused() throws IOException {
        resolve(inputs(LOCALES, List.of()));

        ModuleSet second = resolve(inputs(LOCALES, List.of("jdk.httpserver")));

        assertThat(second.method()).endsWith(CACHED);
        assertThat(second.names()).contains("jdk.httpserver");
        assertThat(second.modules()).filteredOn(m -> m.name().equals("jdk.httpserver"))
                .singleElement().satisfies(m -> assertThat(m.reasons()).containsExactly("added by addModules"));
    }

    @Test
    void unreadableCacheFileIsRecomputedAndReplaced() throws IOException {
        Files.createDirectories(cache);
        Files.writeString(cache.resolve("modules-cache.json"), "{ not json");

        ModuleSet first = resolve(inputs(LOCALES, List.of()));
        ModuleSet second = resolve(inputs(LOCALES, List.of()));

        assertThat(first.method()).doesNotContain("cached");
        assertThat(first.names()).contains("java.sql");
        assertThat(second.method()).endsWith(CACHED);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
