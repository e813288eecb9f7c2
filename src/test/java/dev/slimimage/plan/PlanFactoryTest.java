package dev.slimimage.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import dev.slimimage.analysis.AnalysisException;
import dev.slimimage.analysis.ProjectInput;
import dev.slimimage.testing.TestJar;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlanFactoryTest {

    private static final Map<String, String> POM_LABELS = Map.of(
            "org.opencontainers.image.title", "Demo",
            "org.opencontainers.image.version", "1.0");

    @TempDir
    Path tmp;

    private ProjectInput project;
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void packageTheProject() throws IOException {
        TestJar app = TestJar.create().manifest("Main-Class", "com.example.Main").mainClass("com.example.Main", 17)
                .mainClass("com.example.Other", 17);
        Path classes = app.extractTo(tmp.resolve("target/classes"));
        Path jar = app.writeTo(tmp.resolve("target/demo-1.0.jar"));
        project = new ProjectInput("com.example", "demo", "jar", jar, classes, List.of(), Optional.empty(), OptionalInt.empty());
    }

    private ImagePlan plan(Consumer<Requests> settings) throws ConfigurationException, AnalysisException {
        Requests request = new Requests();
        settings.accept(request);
        return new PlanFactory(warnings::add).plan(request.build(), project, POM_LABELS);
    }

    private ImagePlan plan() throws ConfigurationException, AnalysisException {
        return plan(r -> { });
    }

    private ConfigurationException refusal(Consumer<Requests> settings) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> plan(settings));
        assertThat(e).as("refused").isNotNull();
        // One sentence: what is wrong, then what to do.
        assertThat(e.getMessage()).doesNotContain("\n").endsWith(": " + e.fix() + ".").doesNotContainPattern("\\. [A-Z]");
        return e;
    }

    @Test
    void unsetSettingsGiveTheDefaults() throws Exception {
        ImagePlan plan = plan();

        assertThat(plan.runtime()).isEqualTo(RuntimeKind.JRE);
        assertThat(plan.builderImage()).isEqualTo("eclipse-temurin:17-jdk");
        assertThat(plan.runtimeImage()).isEqualTo("eclipse-temurin:17-jre");
        assertThat(plan.user()).isEqualTo("65532");
        assertThat(plan.jvmFlags()).containsExactly("-XX:MaxRAMPercentage=75");
        assertThat(plan.ports()).isEmpty();
        assertThat(plan.jlink()).isEqualTo(ImagePlan.JlinkOptions.DEFAULTS);
        assertThat(plan.app().mainClass()).isEqualTo("com.example.Main");
        assertThat(warnings).isEmpty();
    }

    @Test
    void argsAreKeptAsGivenAndAnEmptyElementIsAnEmptyArgument() throws Exception {
        assertThat(plan().args()).isEmpty();

        ImagePlan plan = plan(r -> r.args.addAll(java.util.Arrays.asList("run", null, "a b,c")));

        assertThat(plan.args()).containsExactly("run", "", "a b,c");
    }

    @Test
    void withoutOutputTimestampFilesGetTheFixedDefaultAndNoCreatedLabel() throws Exception {
        ImagePlan unset = plan();
        ImagePlan switchedOff = plan(r -> r.outputTimestamp = "x");

        assertThat(unset.fileTimestamp()).isEqualTo(OutputTimestamp.DEFAULT).isEqualTo(switchedOff.fileTimestamp());
        assertThat(unset.labels()).doesNotContainKey("org.opencontainers.image.created");
    }

    @Test
    void outputTimestampSetsFileTimesAndTheCreatedLabel() throws Exception {
        ImagePlan plan = plan(r -> r.outputTimestamp = "2024-01-01T00:00:00Z");

        assertThat(plan.fileTimestamp()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(plan.labels()).contains(entry("org.opencontainers.image.created", "2024-01-01T00:00:00Z"));
    }

    @Test
    void labelsAreTheRuntimeThenThePomsThenTheUsers() throws Exception {
        ImagePlan plan = plan(r -> {
            r.runtime = "distroless";
            r.labels.put("org.opencontainers.image.title", "Overridden");
            r.labels.put("com.example.team", "payments");
            r.labels.put("empty", null);
        });

        assertThat(plan.labels()).containsOnly(
                entry("dev.slimimage.runtime", "distroless"),
                entry("org.opencontainers.image.title", "Overridden"),
                entry("org.opencontainers.image.version", "1.0"),
                entry("com.example.team", "payments"),
                entry("empty", ""));
    }

    /** Docker keeps a LABEL value's \\n as those two characters: a control character cannot reach the image as given. */
    @ParameterizedTest
    @ValueSource(strings = {"two\nlines", "a\ttab", "cr\r", "bell\u0007", "next line\u0085", "del\u007f"})
    void labelValuesWithControlCharactersAreRefusedNamingTheLabel(String value) {
        ConfigurationException e = refusal(r -> r.labels.put("com.example.note", value));

        assertThat(e.parameter()).isEqualTo("labels");
        assertThat(e.value()).isEqualTo(value);
        assertThat(e).hasMessageStartingWith("The label com.example.note in labels holds the control character U+00")
                .hasMessageContaining("one line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "two words", "key\n", "a=b", "quo\"te", "$HOME", "back\\slash"})
    void labelKeysThatCannotBeWrittenAsTheyAreAreRefused(String key) {
        ConfigurationException e = refusal(r -> r.labels.put(key, "value"));

        assertThat(e.parameter()).isEqualTo("labels");
        assertThat(e.value()).isEqualTo(key);
        assertThat(e).hasMessageContaining("label key");
    }

    @Test
    void aProjectLabelWithAControlCharacterIsRefusedPointingAtThePom() {
        Map<String, String> pom = Map.of("org.opencontainers.image.description", "Says\u0085hello");

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> new PlanFactory(warnings::add).plan(new Requests().build(), project, pom));

        assertThat(e.parameter()).isEqualTo("org.opencontainers.image.description");
        assertThat(e).hasMessageStartingWith("The label org.opencontainers.image.description taken from the POM holds the control "
                        + "character U+0085")
                .hasMessageEndingWith("in the POM.");
    }

    @Test
    void labelValuesKeepEverythingElseAsGiven() throws Exception {
        String value = "Costs $5 \"or\" C:\\temp ünïcode  two  spaces";

        assertThat(plan(r -> r.labels.put("com.example.note", value)).labels()).contains(entry("com.example.note", value));
    }

    @Test
    void configuredSettingsReachThePlan() throws Exception {
        String digest = "sha256:" + "0".repeat(64);
        ImagePlan plan = plan(r -> {
            r.mainClass = " com.example.Other ";
            r.runtime = "JLink";
            r.builderImage = "eclipse-temurin:21-jdk";
            r.runtimeImage = "registry.example.com/base@" + digest;
            r.user = "1000:1000";
            Collections.addAll(r.jvmFlags, " -Xmx256m ", "", null, "-Dfile.encoding=UTF-8");
            Collections.addAll(r.ports, " 8080 ", "", null, "8125/udp");
            r.locales = " en, de ";
            Collections.addAll(r.addModules, "java.sql,jdk.jfr", " ", null);
            r.excludeModules.add("jdk.zipfs");
        });

        assertThat(plan.app().mainClass()).isEqualTo("com.example.Other");
        assertThat(plan.runtime()).isEqualTo(RuntimeKind.JLINK);
        assertThat(plan.builderImage()).isEqualTo("eclipse-temurin:21-jdk");
        assertThat(plan.runtimeImage()).isEqualTo("registry.example.com/base@" + digest);
        assertThat(plan.user()).isEqualTo("1000:1000");
        assertThat(plan.jvmFlags()).containsExactly("-Xmx256m", "-Dfile.encoding=UTF-8");
        assertThat(plan.ports()).containsExactly("8080", "8125/udp");
        assertThat(plan.jlink()).isEqualTo(new ImagePlan.JlinkOptions("en,de", List.of("java.sql", "jdk.jfr"), List.of("jdk.zipfs")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-Xmx1g", "-XX:MaxRAMPercentage=50", "-XX:MaxRAM=2g", "-XX:MaxHeapSize=1g"})
    void aHeapSettingOfTheUsersReplacesTheDefault(String flag) throws Exception {
        assertThat(plan(r -> r.jvmFlags.add(flag)).jvmFlags()).containsExactly(flag);
    }

    @Test
    void localesAllAndNoneAreKept() throws Exception {
        assertThat(plan(r -> r.locales = "*").jlink().locales()).isEqualTo("*");
        assertThat(plan(r -> r.locales = "").jlink().locales()).isEqualTo("*");
        assertThat(plan(r -> r.locales = "NONE").jlink().locales()).isEqualTo("NONE");
    }

    @Test
    void rootUserWorksWithAWarning() throws Exception {
        assertThat(plan(r -> r.user = "root:root").user()).isEqualTo("root:root");

        assertThat(warnings).singleElement().asString().contains("root").contains("65532");
    }

    @Test
    void jlinkWithMuslAndGlibcImagesWarns() throws Exception {
        plan(r -> {
            r.runtime = "jlink";
            r.builderImage = "eclipse-temurin:17-jdk-alpine";
        });

        assertThat(warnings).singleElement().asString().contains("musl vs glibc");
    }

    @Test
    void unknownRuntimeNamesTheValidOnes() {
        ConfigurationException e = refusal(r -> r.runtime = "alpine");

        assertThat(e.parameter()).isEqualTo("runtime");
        assertThat(e.value()).isEqualTo("alpine");
        assertThat(e).hasMessage("Unknown runtime 'alpine': use one of jre, distroless, jlink.");
    }

    @Test
    void invalidBaseImagesAreRefused() {
        assertThat(refusal(r -> r.builderImage = "JDK:17").parameter()).isEqualTo("builderImage");
        assertThat(refusal(r -> r.runtimeImage = "my runtime").parameter()).isEqualTo("runtimeImage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "user name", "-1", "a:b:c"})
    void invalidUsersAreRefused(String user) {
        ConfigurationException e = refusal(r -> r.user = user);

        assertThat(e.parameter()).isEqualTo("user");
        assertThat(e).hasMessageContaining("'" + user + "'").hasMessageContaining("65532:65532");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "00", "0/udp", "99999", "65536", "http", "80/icmp", "-1", "8080 8081"})
    void invalidPortsAreRefused(String port) {
        ConfigurationException e = refusal(r -> Collections.addAll(r.ports, "8080", port));

        assertThat(e.parameter()).isEqualTo("ports");
        assertThat(e.value()).isEqualTo(port);
        assertThat(e).hasMessageContaining("'" + port + "'").hasMessageContaining("1 to 65535");
    }

    @Test
    void portsUpTo65535AreAccepted() throws Exception {
        assertThat(plan(r -> Collections.addAll(r.ports, "1", "65535/tcp", "53/udp", "9/sctp")).ports())
                .containsExactly("1", "65535/tcp", "53/udp", "9/sctp");
    }

    @Test
    void badOutputTimestampIsRefused() {
        ConfigurationException e = refusal(r -> r.outputTimestamp = "yesterday");

        assertThat(e.parameter()).isEqualTo("project.build.outputTimestamp");
        assertThat(e).hasMessageContaining("'yesterday'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"e1", "en_US", "e", "en,,de", "englishes"})
    void badLocalesAreRefusedNamingTheTag(String locales) {
        ConfigurationException e = refusal(r -> r.locales = locales);

        assertThat(e.parameter()).isEqualTo("locales");
        assertThat(e).hasMessageContaining("in locales").hasMessageContaining("en,de,fr-CA");
    }

    @Test
    void badModuleNamesAreRefusedNamingTheParameter() {
        ConfigurationException add = refusal(r -> r.addModules.add("java.sql, java-desktop"));
        ConfigurationException exclude = refusal(r -> r.excludeModules.add("9lives"));

        assertThat(add.parameter()).isEqualTo("addModules");
        assertThat(add).hasMessageStartingWith("'java-desktop' in addModules is not a module name");
        assertThat(exclude.parameter()).isEqualTo("excludeModules");
        assertThat(exclude.value()).isEqualTo("9lives");
    }

    @Test
    void javaBaseCannotBeExcludedAsItIsAlwaysLinked() {
        ConfigurationException e = refusal(r -> r.excludeModules.add("jdk.zipfs, java.base"));

        assertThat(e.parameter()).isEqualTo("excludeModules");
        assertThat(e.value()).isEqualTo("java.base");
        assertThat(e).hasMessageContaining("excludeModules").hasMessageContaining("java.base")
                .hasMessageContaining("always linked").hasMessageContaining("remove it");
    }

    @Test
    void settingsAreCheckedBeforeTheProjectIsAnalysed() {
        // An unpackaged project fails the analysis; a bad setting must be reported first, without that work.
        project = new ProjectInput("com.example", "demo", "jar", tmp.resolve("missing.jar"), tmp.resolve("none"), List.of(),
                Optional.empty(), OptionalInt.empty());

        assertThat(refusal(r -> r.ports.add("http")).parameter()).isEqualTo("ports");
        assertThatThrownBy(this::plan).isInstanceOf(AnalysisException.class);
    }

    // --- a release whose own JDK has no jlink ------------------------------------------------------------------------

    private void java8Project() throws IOException {
        TestJar app = TestJar.create().manifest("Main-Class", "com.example.Main").mainClass("com.example.Main", 8);
        Path classes = app.extractTo(tmp.resolve("target8/classes"));
        Path jar = app.writeTo(tmp.resolve("target8/demo-1.0.jar"));
        project = new ProjectInput("com.example", "demo", "jar", jar, classes, List.of(), Optional.empty(), OptionalInt.of(8));
    }

    @Test
    void java8WithJlinkLinksWithAJdk17BuilderAndSaysWhy() throws Exception {
        java8Project();

        ImagePlan plan = plan(r -> r.runtime = "jlink");

        assertThat(plan.app().javaRelease()).isEqualTo(8);
        assertThat(plan.builderImage()).isEqualTo("eclipse-temurin:17-jdk");
        assertThat(plan.runtimeImage()).isEqualTo("gcr.io/distroless/cc-debian12");
        assertThat(new PlanSummary(plan, Path.of("target/slim/Dockerfile"), Optional.empty()).lines()).contains("Linking with "
                + "eclipse-temurin:17-jdk: a Java 8 JDK has no jlink, and a runtime linked by a newer JDK runs Java 8 class files.");
        assertThat(warnings).isEmpty();
    }

    @Test
    void java8WithoutJlinkKeepsItsOwnJdkAndLinkingReleasesKeepTheirs() throws Exception {
        java8Project();
        assertThat(plan(r -> r.runtime = "jre").builderImage()).isEqualTo("eclipse-temurin:8-jdk");
        assertThat(RuntimeKind.JLINK.defaultBuilderImage(11)).isEqualTo("eclipse-temurin:11-jdk");
        assertThat(RuntimeKind.JLINK.defaultBuilderImage(25)).isEqualTo("eclipse-temurin:25-jdk");
        assertThat(new PlanSummary(plan(r -> r.runtime = "jre"), Path.of("Dockerfile"), Optional.empty()).lines())
                .noneMatch(l -> l.startsWith("Linking with"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"eclipse-temurin:8-jdk", "eclipse-temurin:8", "openjdk:8u342-jdk", "amazoncorretto:1.8.0",
            "registry.example.com:5000/java/jdk:8-jdk", "azul/zulu-openjdk:jdk8u412"})
    void anExplicitJava8BuilderForJlinkIsRefusedWithTheFix(String builder) throws Exception {
        java8Project();

        ConfigurationException e = refusal(r -> {
            r.runtime = "jlink";
            r.builderImage = builder;
        });

        assertThat(e.getMessage()).isEqualTo("builderImage " + builder + " is a Java 8 JDK, which has no jlink: use a JDK 11 or "
                + "later, e.g. eclipse-temurin:17-jdk (the runtime it links runs Java 8 class files), or leave builderImage unset.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"eclipse-temurin:18-jdk", "registry.example.com:8080/jdk:17", "eclipse-temurin:17-jdk@sha256:"
            + "0123456789012345678901234567890123456789012345678901234567890123", "example/jdk8"})
    void otherBuildersForJlinkAreTakenAsGiven(String builder) throws Exception {
        java8Project();

        assertThat(plan(r -> {
            r.runtime = "jlink";
            r.builderImage = builder;
        }).builderImage()).isEqualTo(builder);
    }
}
