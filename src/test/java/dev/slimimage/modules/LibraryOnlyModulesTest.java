package dev.slimimage.modules;

import dev.slimimage.context.FileDigests;
import static dev.slimimage.modules.ModuleFixtures.LOCALES;
import static dev.slimimage.modules.ModuleFixtures.reasons;
import static dev.slimimage.modules.ModuleFixtures.withJdbcUser;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.testing.ClassBytes;
import dev.slimimage.testing.TestJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reasons tell the application's classes from the libraries, and tools' modules only libraries name are not linked. */
class LibraryOnlyModulesTest {

    @TempDir
    Path tmp;

    private final List<String> log = new ArrayList<>();

    /** A class that calls {@code com.sun.jdi.Bootstrap.virtualMachineManager()}, as javassist's HotSwapper does. */
    private static byte[] usingDebugger(String className) {
        return ClassBytes.callingStatic(className, 17, "com/sun/jdi/Bootstrap", "virtualMachineManager",
                "()Lcom/sun/jdi/VirtualMachineManager;");
    }

    private Path appClasses(TestJar content) throws IOException {
        return content.extractTo(tmp.resolve("app/classes"));
    }

    /** A shaded jar's libraries: javassist's debugger helper and h2's JDBC use, with the packages' libraries named. */
    private ModuleInputs.BundledJar bundled() throws IOException {
        TestJar jar = withJdbcUser(TestJar.create(), "org.h2.Driver", 17)
                .entry("javassist/util/HotSwapper.class", usingDebugger("javassist.util.HotSwapper"))
                .entry("shaded/relocated/Thing.class", usingDebugger("shaded.relocated.Thing"))
                .entry("META-INF/services/java.sql.Driver", "org.h2.Driver\n");
        return new ModuleInputs.BundledJar(jar.writeTo(tmp.resolve("libraries.jar")),
                Map.of("org/h2", "h2-2.3.232.jar", "javassist/util", "javassist-3.30.2-GA.jar"));
    }

    private ModuleSet resolve(Path app, List<String> addModules) throws IOException {
        ModuleInputs inputs = new ModuleInputs(17, List.of(app), List.of(), null, LOCALES, addModules, List.of(), Map.of(), List.of(bundled()));
        return new ModuleResolver().resolve(inputs, Files.createTempDirectory(tmp, "cache"), FileDigests.none()::sha256,
                log::add);
    }

    @Test
    void aModuleOnlyLibrariesUseSaysSoAndNamesTheLibrary() throws IOException {
        ModuleSet set = resolve(appClasses(TestJar.create().mainClass("com.example.Main", 17)), List.of());

        assertThat(reasons(set).get("java.sql")).containsExactly(
                "used only by libraries: h2-2.3.232.jar",
                "service, only of libraries: h2-2.3.232.jar provides java.sql.Driver");
        assertThat(set.libraryOnly()).contains("java.sql");
        assertThat(set.method()).contains("bytecode scan for the bundled libraries");
    }

    @Test
    void theApplicationsOwnUseComesFirstAndLibrariesAreNamedAsAlso() throws IOException {
        ModuleSet set = resolve(appClasses(withJdbcUser(TestJar.create().mainClass("com.example.Main", 17), "com.example.Db", 17)),
                List.of());

        assertThat(reasons(set).get("java.sql")).first().isEqualTo("used by the application's classes; also libraries: h2-2.3.232.jar");
        assertThat(set.libraryOnly()).doesNotContain("java.sql");
    }

    @Test
    void toolsModulesOnlyLibrariesNameAreNotLinkedAndSayHowToAddThem() throws IOException {
        ModuleSet set = resolve(appClasses(TestJar.create().mainClass("com.example.Main", 17)), List.of());

        assertThat(set.names()).doesNotContain("jdk.jdi", "jdk.attach", "jdk.jdwp.agent");
        assertThat(set.notLinked()).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("jdk.jdi");
            assertThat(m.reasons()).anySatisfy(r -> assertThat(r).contains("not linked unless added"));
            assertThat(m.reasons()).contains(
                    "used only by libraries: bundled classes in libraries.jar, javassist-3.30.2-GA.jar");
        });
    }

    @Test
    void addModulesLinksAToolsModuleAnyway() throws IOException {
        ModuleSet set = resolve(appClasses(TestJar.create().mainClass("com.example.Main", 17)), List.of("jdk.jdi"));

        assertThat(set.names()).contains("jdk.jdi", "jdk.attach");
        assertThat(set.notLinked()).isEmpty();
    }

    @Test
    void toolsModulesTheApplicationUsesItselfAreLinked() throws IOException {
        Path app = appClasses(TestJar.create().mainClass("com.example.Main", 17)
                .entry("com/example/Debug.class", usingDebugger("com.example.Debug")));

        ModuleSet set = resolve(app, List.of());

        assertThat(reasons(set).get("jdk.jdi")).first().asString().startsWith("used by the application's classes");
        assertThat(set.notLinked()).isEmpty();
    }
}
