package dev.slimimage.modules;

import dev.slimimage.context.FileDigests;
import static dev.slimimage.modules.ModuleFixtures.ALWAYS_IN;
import static dev.slimimage.modules.ModuleFixtures.LOCALES;
import static dev.slimimage.modules.ModuleFixtures.excluded;
import static dev.slimimage.modules.ModuleFixtures.inputs;
import static dev.slimimage.modules.ModuleFixtures.reasons;
import static dev.slimimage.modules.ModuleFixtures.withJdbcUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slimimage.testing.ClassBytes;
import dev.slimimage.testing.TestJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.objectweb.asm.Opcodes;

class ModuleResolverTest {

    private static final int HOST = Runtime.version().feature();

    @TempDir
    Path tmp;

    private final List<String> log = new ArrayList<>();

    /** target/classes of an application holding the given jar's entries. */
    private Path classes(TestJar content) throws IOException {
        return content.extractTo(tmp.resolve("app/classes"));
    }

    private Path plainClasses() throws IOException {
        return classes(TestJar.create().mainClass("com.example.Main", 17));
    }

    private Path jar(String fileName, TestJar content) throws IOException {
        return content.writeTo(tmp.resolve("lib").resolve(fileName));
    }

    private ModuleSet compute(ModuleInputs inputs) throws IOException {
        // A cache directory of its own each time: every call analyses afresh, as a first build does.
        return new ModuleResolver().resolve(inputs, Files.createTempDirectory(tmp, "cache"), FileDigests.none()::sha256,
                log::add);
    }

    private ModuleSet compute(List<Path> appRoots, List<Path> classPath) throws IOException {
        return compute(inputs(17, appRoots, classPath));
    }

    private static ModuleInputs with(ModuleInputs in, String locales, List<String> add, List<String> exclude) {
        return new ModuleInputs(in.release(), in.appRoots(), in.classPath(), in.agentReason(), locales, add, exclude);
    }

    @Test
    void javaBaseOnlyApplicationGetsExactlyTheAlwaysInModulesAndLocaleData() throws IOException {
        ModuleSet set = compute(List.of(plainClasses()), List.of());

        assertThat(set.names()).containsExactlyInAnyOrderElementsOf(
                Stream.concat(ALWAYS_IN.stream(), Stream.of("jdk.localedata")).toList());
        for (String module : ALWAYS_IN) {
            assertThat(reasons(set).get(module)).as("reasons for %s", module).isNotEmpty().allMatch(r -> !r.isBlank());
        }
        assertThat(set.excluded()).isEmpty();
    }

    @Test
    void directUseOfJavaSqlIsFoundByJdepsRulesForJava17Classes() throws IOException {
        Path app = classes(withJdbcUser(TestJar.create().mainClass("com.example.Main", 17), "com.example.Db", 17));

        ModuleSet set = compute(List.of(app), List.of());

        assertThat(set.method()).isEqualTo("class-file scan by jdeps' rules, JDK " + HOST);
        assertThat(reasons(set)).containsKey("java.sql");
        assertThat(reasons(set).get("java.sql")).anyMatch(r -> r.startsWith("used by") && r.contains("the application's classes"));
        assertThat(log).anyMatch(line -> line.contains("Module analysis: class-file scan by jdeps' rules"));
    }

    @Test
    void aTypeOnlyInADeclaredMethodsSignatureCountsAsJdepsCountsIt() throws IOException {
        // No instruction touches java.sql: the type is only in the descriptor, which the constant pool holds as text.
        Path lib = jar("acme-api-1.0.jar", TestJar.create().entry(ClassBytes.entryName("com.acme.Api"),
                ClassBytes.withMethod("com.acme.Api", 17, Opcodes.ACC_PUBLIC, "use", "(Ljava/sql/Connection;)V")));

        ModuleSet set = compute(List.of(plainClasses()), List.of(lib));

        assertThat(reasons(set).get("java.sql")).isNotNull().anyMatch(r -> r.startsWith("used only by libraries: ") && r.contains("acme-api-1.0.jar"));
    }

    @Test
    void aClassTheJdkDoesNotHaveIsNotFoundAsJdepsFindsItNot() throws IOException {
        // java.sql holds the package but not the class: the reference cannot be to that module.
        Path lib = jar("acme-old-1.0.jar", TestJar.create().entry(ClassBytes.entryName("com.acme.Old"),
                ClassBytes.callingStatic("com.acme.Old", 17, "java/sql/NoSuchDriverManager", "connect", "()V")));

        ModuleSet set = compute(List.of(plainClasses()), List.of(lib));

        assertThat(set.names()).doesNotContain("java.sql");
    }

    @Test
    void directUseInADependencyJarNamesTheJar() throws IOException {
        Path lib = jar("acme-db-1.0.jar", withJdbcUser(TestJar.create(), "com.acme.Db", 11));

        ModuleSet set = compute(List.of(plainClasses()), List.of(lib));

        assertThat(reasons(set).get("java.sql")).anyMatch(r -> r.startsWith("used only by libraries: ") && r.contains("acme-db-1.0.jar"));
    }

    @ParameterizedTest
    @CsvSource({
        "sun.misc.Unsafe, jdk.unsupported",
        "com.sun.management.OperatingSystemMXBean, jdk.management",
        "javax.script.ScriptEngineManager, java.scripting"})
    void classNameHeldInAStringConstantIsReachedReflectively(String constant, String module) throws IOException {
        Path app = classes(TestJar.create().mainClass("com.example.Main", 17)
                .entry("com/example/Probe.class", ClassBytes.loadingByName("com.example.Probe", 17, constant)));

        ModuleSet set = compute(List.of(app), List.of());

        assertThat(reasons(set)).containsKey(module);
        assertThat(reasons(set).get(module)).anyMatch(r -> r.startsWith("reached reflectively") && r.contains(constant));
    }

    @Test
    void stringConstantsThatAreNotClassNamesAddNothing() throws IOException {
        Path app = classes(TestJar.create().mainClass("com.example.Main", 17)
                .entry("com/example/A.class", ClassBytes.loadingByName("com.example.A", 17, "java.sql."))
                .entry("com/example/B.class", ClassBytes.loadingByName("com.example.B", 17, "com.sun.management."))
                // Property keys under a JDK package name are not classes.
                .entry("com/example/C.class", ClassBytes.loadingByName("com.example.C", 17, "java.util.logging.config.file"))
                .entry("com/example/D.class", ClassBytes.loadingByName("com.example.D", 17, "java.util.logging.SimpleFormatter.format")));

        ModuleSet set = compute(List.of(app), List.of());

        assertThat(set.names()).doesNotContain("java.sql", "jdk.management", "java.logging");
    }

    @Test
    void jarProvidingAJdkServiceBringsTheServiceModule() throws IOException {
        // The driver class itself does not touch java.sql, so only the service file can tell.
        Path driver = jar("acme-jdbc-2.1.jar", TestJar.create().clazz("com.acme.jdbc.AcmeDriver", 11)
                .entry("META-INF/services/java.sql.Driver", "com.acme.jdbc.AcmeDriver\n")
                .entry("META-INF/services/com.acme.spi.Plugin", "com.acme.jdbc.AcmePlugin\n"));

        ModuleSet set = compute(List.of(plainClasses()), List.of(driver));

        assertThat(reasons(set).get("java.sql")).isNotNull()
                .anyMatch(r -> r.startsWith("service, only of libraries: ") && r.contains("acme-jdbc-2.1.jar") && r.contains("java.sql.Driver"));
        // java.sql requires java.logging, java.transaction.xa and java.xml: jlink links them, so they are listed too.
        assertThat(set.names()).containsExactlyInAnyOrderElementsOf(Stream.concat(ALWAYS_IN.stream(),
                Stream.of("jdk.localedata", "java.sql", "java.logging", "java.transaction.xa", "java.xml")).toList());
        assertThat(reasons(set).get("java.transaction.xa")).containsExactly("required by java.sql");
    }

    @Test
    void serviceFileInTheApplicationsOwnResourcesCounts() throws IOException {
        Path resources = TestJar.create().entry("META-INF/services/javax.script.ScriptEngineFactory", "com.example.Engine\n")
                .extractTo(tmp.resolve("resources/classes"));

        ModuleSet set = compute(List.of(plainClasses(), resources), List.of());

        assertThat(reasons(set).get("java.scripting")).isNotNull().anyMatch(r -> r.startsWith("service:"));
    }

    /** A multi-release jar whose Java 21 variant of a class uses java.sql; the base variant uses nothing. */
    private Path multiReleaseJar(int versionedClassRelease) throws IOException {
        return jar("mr-lib-1.0.jar", TestJar.create()
                .manifest("Multi-Release", "true")
                .clazz("com.acme.Feature", 17)
                .entry("META-INF/versions/21/com/acme/Feature.class",
                        ModuleFixtures.usingJdbc("com.acme.Feature", versionedClassRelease)));
    }

    @ParameterizedTest(name = "versioned class compiled for {0}")
    @CsvSource({"17", "21"})
    void multiReleaseVariantForANewerJavaIsIgnoredForRelease17(int versionedClassRelease) throws IOException {
        Path jar = multiReleaseJar(versionedClassRelease);

        ModuleSet set = compute(inputs(17, List.of(plainClasses()), List.of(jar)));

        assertThat(set.names()).doesNotContain("java.sql");
        // A Java 21 class that a Java 17 runtime never loads is not named as the highest release either.
        assertThat(set.method()).isEqualTo("class-file scan by jdeps' rules, JDK " + HOST);
    }

    @ParameterizedTest(name = "versioned class compiled for {0}")
    @CsvSource({"17", "21"})
    void multiReleaseVariantIsCountedForRelease21(int versionedClassRelease) throws IOException {
        Path jar = multiReleaseJar(versionedClassRelease);

        ModuleSet set = compute(inputs(21, List.of(plainClasses()), List.of(jar)));

        assertThat(reasons(set).get("java.sql")).isNotNull().anyMatch(r -> r.contains("mr-lib-1.0.jar"));
        if (versionedClassRelease > HOST) {
            assertThat(set.method()).startsWith("class-file scan by jdeps' rules (Java " + versionedClassRelease + " classes, matched against");
        } else {
            assertThat(set.method()).isEqualTo("class-file scan by jdeps' rules, JDK " + HOST);
        }
    }

    static Stream<Arguments> companions() {
        return Stream.of(
                Arguments.of("javax/naming/InitialContext", "doLookup", "(Ljava/lang/String;)Ljava/lang/Object;",
                        "java.naming", "jdk.naming.dns"),
                Arguments.of("java/lang/management/ManagementFactory", "getRuntimeMXBean",
                        "()Ljava/lang/management/RuntimeMXBean;", "java.management", "jdk.management"));
    }

    @ParameterizedTest(name = "{3} brings {4}")
    @MethodSource("companions")
    void providerModulesComeWithTheModuleTheyServe(String owner, String method, String descriptor, String module,
                                                   String companion) throws IOException {
        Path app = classes(TestJar.create().mainClass("com.example.Main", 17)
                .entry("com/example/Use.class", ClassBytes.callingStatic("com.example.Use", 17, owner, method, descriptor)));

        ModuleSet set = compute(List.of(app), List.of());

        assertThat(reasons(set).get(module)).isNotNull().anyMatch(r -> r.startsWith("used by"));
        assertThat(reasons(set).get(companion)).isNotNull().anyMatch(r -> r.contains(module));
    }

    @Test
    void configuredLocalesGiveLocaleDataLimitedToThem() throws IOException {
        ModuleSet set = compute(inputs(17, List.of(plainClasses()), List.of()));

        assertThat(set.includeLocales()).isEqualTo(LOCALES);
        assertThat(reasons(set).get("jdk.localedata")).isNotNull().anyMatch(r -> r.contains(LOCALES));
    }

    @Test
    void localesNoneLeavesLocaleDataOut() throws IOException {
        ModuleSet set = compute(with(inputs(17, List.of(plainClasses()), List.of()), "none", List.of(), List.of()));

        assertThat(set.names()).doesNotContain("jdk.localedata");
        assertThat(set.includeLocales()).isEmpty();
    }

    @Test
    void localesStarGivesAllLocaleDataWithoutAnIncludeList() throws IOException {
        ModuleSet set = compute(with(inputs(17, List.of(plainClasses()), List.of()), "*", List.of(), List.of()));

        assertThat(set.names()).contains("jdk.localedata");
        assertThat(set.includeLocales()).isEmpty();
    }

    @Test
    void addModulesAddsWithItsOwnReason() throws IOException {
        Path app = classes(withJdbcUser(TestJar.create().mainClass("com.example.Main", 17), "com.example.Db", 17));

        ModuleSet set = compute(with(inputs(17, List.of(app), List.of()), LOCALES, List.of("jdk.httpserver", "java.sql"), List.of()));

        assertThat(reasons(set).get("jdk.httpserver")).containsExactly("added by addModules");
        assertThat(reasons(set).get("java.sql")).contains("added by addModules").anyMatch(r -> r.startsWith("used by"));
    }

    @Test
    void excludedModulesAreLeftOutAndListedWithTheReasonsTheyWouldHaveHad() throws IOException {
        Path app = classes(withJdbcUser(TestJar.create().mainClass("com.example.Main", 17), "com.example.Db", 17));

        ModuleSet set = compute(with(inputs(17, List.of(app), List.of()), LOCALES, List.of(),
                List.of("java.sql", "jdk.zipfs", "java.desktop")));

        assertThat(set.names()).doesNotContain("java.sql", "jdk.zipfs", "java.desktop").contains("java.base");
        Map<String, List<String>> excluded = excluded(set);
        assertThat(excluded).containsOnlyKeys("java.sql", "jdk.zipfs", "java.desktop");
        assertThat(excluded.get("java.sql")).anyMatch(r -> r.startsWith("used by") && r.contains("the application's classes"));
        assertThat(excluded.get("jdk.zipfs")).singleElement().asString().contains("zip");
        assertThat(excluded.get("java.desktop")).singleElement().asString().isNotBlank();
    }

    @Test
    void excludingLocaleDataDropsTheIncludeLocalesList() throws IOException {
        // jlink refuses --include-locales without jdk.localedata ("jdk.localedata module was not specified with
        // --add-modules option"), so excluding the module must not leave the default locale list behind.
        ModuleSet set = compute(with(inputs(17, List.of(plainClasses()), List.of()), LOCALES, List.of(), List.of("jdk.localedata")));

        assertThat(set.names()).doesNotContain("jdk.localedata");
        assertThat(set.includeLocales()).isEmpty();
        assertThat(excluded(set)).containsKey("jdk.localedata");
    }

    @Test
    void javaAgentBringsJavaInstrumentWithTheGivenReason() throws IOException {
        String why = "a Java agent is loaded (-javaagent:/app/lib/agent.jar)";
        ModuleInputs base = inputs(17, List.of(plainClasses()), List.of());

        ModuleSet set = compute(new ModuleInputs(17, base.appRoots(), base.classPath(), why, LOCALES, List.of(), List.of()));

        assertThat(reasons(set).get("java.instrument")).containsExactly(why);
        assertThat(compute(base).names()).doesNotContain("java.instrument");
    }

    @Test
    void modulesTheManifestNamesAreLinkedWithThatReasonAndUnknownOnesAreLoggedNotLinked() throws IOException {
        ModuleInputs base = inputs(17, List.of(plainClasses()), List.of());
        String why = "named in the manifest's Add-Exports (jdk.compiler/com.sun.tools.javac.util)";

        ModuleSet set = compute(new ModuleInputs(17, base.appRoots(), base.classPath(), null, LOCALES, List.of(), List.of(),
                Map.of("jdk.compiler", why, "no.such.module", "named in the manifest's Add-Opens (no.such.module/x)"), List.of()));

        assertThat(reasons(set).get("jdk.compiler")).containsExactly(why);
        assertThat(reasons(set).get("java.compiler")).containsExactly("required by jdk.compiler");
        assertThat(set.names()).doesNotContain("no.such.module");
        assertThat(log).contains("Not linking no.such.module, named in the manifest's Add-Opens (no.such.module/x): "
                + "the JDK has no such module.");
        assertThat(compute(base).names()).doesNotContain("jdk.compiler");
    }

    @Test
    void everyModuleOfAMixedApplicationHasANonBlankReason() throws IOException {
        Path app = classes(withJdbcUser(TestJar.create().mainClass("com.example.Main", 17), "com.example.Db", 17)
                .entry("com/example/Probe.class", ClassBytes.loadingByName("com.example.Probe", 17, "com.sun.management.GcInfo"))
                .entry("com/example/Jndi.class", ClassBytes.callingStatic("com.example.Jndi", 17, "javax/naming/InitialContext",
                        "doLookup", "(Ljava/lang/String;)Ljava/lang/Object;")));
        Path lib = jar("scripting-1.0.jar", TestJar.create().clazz("com.acme.Engine", 11)
                .entry("META-INF/services/javax.script.ScriptEngineFactory", "com.acme.Engine\n"));

        ModuleSet set = compute(new ModuleInputs(17, List.of(app), List.of(lib), "a Java agent is loaded (-javaagent:a.jar)",
                LOCALES, List.of("jdk.jfr"), List.of("java.desktop")));

        assertThat(set.names()).contains("java.sql", "jdk.management", "java.naming", "jdk.naming.dns", "java.scripting",
                "java.instrument", "jdk.jfr", "jdk.localedata");
        assertThat(set.modules()).allSatisfy(m ->
                assertThat(m.reasons()).as("reasons for %s", m.name()).isNotEmpty().allMatch(r -> r != null && !r.isBlank()));
        assertThat(set.names()).as("sorted, so the jlink line is stable").isSorted();
    }

    @Test
    void classesNewerThanTheHostJdkAreReadAndMatchedAgainstItsModules() throws IOException {
        assumeTrue(HOST < 25, "needs a host JDK older than 25");
        Path app = classes(withJdbcUser(TestJar.create().mainClass("com.example.Main", 25), "com.example.Db", 25)
                .entry("com/example/Probe.class",
                        ClassBytes.loadingByName("com.example.Probe", 25, "com.sun.management.OperatingSystemMXBean")));

        ModuleSet set = compute(inputs(25, List.of(app), List.of()));

        assertThat(set.method()).isEqualTo("class-file scan by jdeps' rules (Java 25 classes, matched against the modules of the JDK "
                + HOST + " running Maven)");
        assertThat(reasons(set).get("java.sql")).isNotNull()
                .anyMatch(r -> r.startsWith("used by") && r.contains("the application's classes"));
        assertThat(reasons(set).get("jdk.management")).isNotNull().anyMatch(r -> r.startsWith("reached reflectively"));
        assertThat(set.names()).containsAll(ALWAYS_IN);
    }

    @Test
    void aModularJarRequiringAModuleThatIsNotThereIsReadAllTheSame() throws IOException {
        // jdeps could not resolve such a jar's module and gave up; the class-file scan reads the classes, not the graph.
        Path lib = jar("acme-db-1.0.jar", withJdbcUser(TestJar.create(), "com.acme.db.Db", 17)
                .entry("module-info.class", ClassBytes.moduleInfo("com.acme.db", 17, "com.acme.db", "java.sql", "com.acme.missing")));

        ModuleSet set = compute(List.of(plainClasses()), List.of(lib));

        assertThat(set.method()).isEqualTo("class-file scan by jdeps' rules, JDK " + HOST);
        assertThat(reasons(set).get("java.sql")).isNotNull().anyMatch(r -> r.startsWith("used only by libraries: ") && r.contains("acme-db-1.0.jar"));
        assertThat(set.names()).containsAll(ALWAYS_IN);
    }

    @Test
    void aNewerClassInADependencyIsNamedInTheMethod() throws IOException {
        assumeTrue(HOST < 25, "needs a host JDK older than 25");
        Path lib = jar("future-1.0.jar", withJdbcUser(TestJar.create(), "com.acme.Future", 25));

        ModuleSet set = compute(inputs(25, List.of(plainClasses()), List.of(lib)));

        assertThat(set.method()).startsWith("class-file scan by jdeps' rules (Java 25 classes");
        assertThat(reasons(set).get("java.sql")).isNotNull().anyMatch(r -> r.contains("future-1.0.jar"));
    }
}
