package dev.slimimage.dockerfile;

import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.RuntimeKind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.Layer;
import dev.slimimage.modules.ModuleChoice;
import dev.slimimage.modules.ModuleSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JlinkDockerfileTest {

    private static final Instant TIMESTAMP = Instant.parse("2024-01-01T00:00:00Z");
    private static final String MODULE_LIST = "java.base,java.logging,java.sql,jdk.charsets,jdk.crypto.ec,jdk.localedata,"
            + "jdk.unsupported,jdk.zipfs";

    /** The plain-jar plan of {@link DockerfileGeneratorTest}, on a linked runtime for {@code release}. */
    static ImagePlan jlinkPlan(int release) {
        ImagePlan plain = DockerfileGeneratorTest.plainPlan();
        AppAnalysis a = plain.app();
        AppAnalysis app = new AppAnalysis(a.layout(), a.mainClass(), a.launchArguments(), release, a.releaseSource(),
                a.layers(), a.naiveImageFiles());
        return new ImagePlan(app, RuntimeKind.JLINK, RuntimeKind.JLINK.defaultBuilderImage(release), RuntimeKind.JLINK.defaultImage(release),
                "65532", plain.jvmFlags(), List.of(), plain.labels(), TIMESTAMP, ImagePlan.JlinkOptions.DEFAULTS);
    }

    static ModuleSet modules(String includeLocales) {
        List<ModuleChoice> choices = new ArrayList<>();
        for (String name : MODULE_LIST.split(",")) {
            choices.add(new ModuleChoice(name, List.of("because " + name)));
        }
        return new ModuleSet(choices, "jdeps 17", includeLocales, List.of());
    }

    private static Dockerfile generate(ImagePlan plan, ModuleSet modules) {
        return new DockerfileGenerator().generate(plan, Optional.of(modules));
    }

    private static String jlinkStageText(String dockerfile) {
        int from = dockerfile.indexOf("FROM ");
        int next = dockerfile.indexOf("\nFROM ", from);
        return dockerfile.substring(from, next);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = JlinkDockerfileTest.class.getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void plainJarOnALinkedRuntimeMatchesGoldenFile() throws IOException {
        String actual = generate(jlinkPlan(17), modules("en,de")).render();

        assertThat(actual).isEqualTo(golden("plain-jlink.Dockerfile"));
    }

    @Test
    void jlinkStageStartsFromTheBuilderImageAndTakesNothingFromTheBuildContext() {
        Dockerfile dockerfile = generate(jlinkPlan(17), modules("en,de"));

        assertThat(dockerfile.stages()).hasSize(2);
        Stage jlink = dockerfile.stages().get(0);
        assertThat(jlink.name()).isEqualTo("jlink");
        assertThat(jlink.baseImage()).isEqualTo("eclipse-temurin:17-jdk");
        assertThat(jlink.instructions()).allMatch(i -> i instanceof Instruction.Run);
        assertThat(jlinkStageText(dockerfile.render()).lines()).noneMatch(l -> l.startsWith("COPY") || l.startsWith("ADD"));
    }

    @Test
    void jlinkStageDependsOnlyOnTheImageAndTheModuleList() {
        ImagePlan plan = jlinkPlan(17);
        AppAnalysis a = plan.app();
        // Another build of the application: new classes layer, main class, flags, labels, user and ports.
        AppAnalysis changedApp = new AppAnalysis(a.layout(), "com.example.Other", List.of("-cp", "/app/classes", "com.example.Other"),
                17, a.releaseSource(), List.of(DockerfileGeneratorTest.layer(Layer.CLASSES, "/app/classes/com/example/Other.class")),
                a.naiveImageFiles());
        ImagePlan changed = new ImagePlan(changedApp, RuntimeKind.JLINK, plan.builderImage(), plan.runtimeImage(), "1000",
                List.of("-Xmx1g"), List.of("8080"), Map.of("a", "b"), Instant.parse("2030-01-01T00:00:00Z"), plan.jlink());

        String before = generate(plan, modules("en,de")).render();
        String after = generate(changed, modules("en,de")).render();

        assertThat(after).isNotEqualTo(before);
        assertThat(jlinkStageText(after)).isEqualTo(jlinkStageText(before));
        assertThat(jlinkStageText(generate(plan, modules("en")).render())).isNotEqualTo(jlinkStageText(before));
    }

    @Test
    void runtimeStageCopiesTheLinkedRuntimeAndStartsItsJava() {
        Dockerfile dockerfile = generate(jlinkPlan(17), modules("en,de"));

        Stage runtime = dockerfile.finalStage();
        assertThat(runtime.name()).isNull();
        assertThat(runtime.baseImage()).isEqualTo("gcr.io/distroless/cc-debian12");
        List<Instruction> instructions = runtime.instructions();
        assertThat(instructions.get(0)).isEqualTo(
                new Instruction.CopyFromStage(DockerfileGenerator.JAVA_RUNTIME_LAYER, "jlink", "/opt/slim-java", "/opt/java"));
        assertThat(instructions).contains(new Instruction.Env("JAVA_HOME", "/opt/java"));
        assertThat(instructions).filteredOn(i -> i instanceof Instruction.CopyLayer).extracting(Instruction::layer)
                .containsExactly(Layer.DEPENDENCIES, Layer.SNAPSHOT_DEPENDENCIES, Layer.RESOURCES, Layer.CLASSES);
        Instruction.Entrypoint entrypoint = instructions.stream().filter(i -> i instanceof Instruction.Entrypoint)
                .map(i -> (Instruction.Entrypoint) i).findFirst().orElseThrow();
        assertThat(entrypoint.argv()).startsWith("/opt/java/bin/java", "-XX:MaxRAMPercentage=75").endsWith("com.example.Main");
    }

    @ParameterizedTest
    @CsvSource({"17, --compress=2", "21, --compress=zip-6", "25, --compress=zip-6"})
    void compressionFlagIsOneTheBuilderJdkUnderstands(int release, String flag) {
        String dockerfile = generate(jlinkPlan(release), modules("en,de")).render();

        assertThat(dockerfile).contains(" " + flag + " --generate-cds-archive -J-XX:TieredStopAtLevel=1 \\\n");
        assertThat(dockerfile.split("--compress=", -1)).hasSize(2);
        assertThat(dockerfile).contains("FROM eclipse-temurin:" + release + "-jdk AS jlink");
    }

    @Test
    void allModulesGoToJlinkAndTheLocaleListWhenThereIsOne() {
        String dockerfile = generate(jlinkPlan(17), modules("en,de")).render();

        assertThat(dockerfile).contains("jlink --add-modules " + MODULE_LIST + " \\\n")
                .contains("--include-locales=en,de \\\n");
    }

    @Test
    void noLocaleListMeansNoIncludeLocalesOption() {
        String dockerfile = generate(jlinkPlan(17), modules("")).render();

        assertThat(dockerfile).contains("jlink --add-modules " + MODULE_LIST).doesNotContain("include-locales");
    }

    @Test
    void theBuilderJdksTrustStoreIsCopiedIntoTheLinkedRuntime() {
        String dockerfile = generate(jlinkPlan(17), modules("en,de")).render();

        assertThat(dockerfile).contains("cp -L \"$jdk/lib/security/cacerts\" /opt/slim-java/lib/security/cacerts");
    }

    @Test
    void aLinkedRuntimeWithoutItsModuleSetIsRefused() {
        assertThatThrownBy(() -> new DockerfileGenerator().generate(jlinkPlan(17), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("module set");
        assertThatThrownBy(() -> new DockerfileGenerator().generate(jlinkPlan(17), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- The RUN script under a real shell, with a stand-in jlink -----------------------------------------------

    @TempDir
    Path tmp;

    private record ShellRun(int exit, String stderr, String stdout) {}

    /**
     * Runs the jlink stage's script as the builder would: Dockerfile line continuations removed, {@code /bin/sh -c}.
     * The output directory is moved into the temporary directory, the only change made to the script.
     */
    private ShellRun runScript(String script, Path pathDirectory) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        String command = script.replace("\\\n", "").replace("/opt/slim-java", tmp.resolve("out").toString());
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(tmp.toFile());
        builder.environment().put("PATH", pathDirectory.toString());
        builder.redirectOutput(tmp.resolve("stdout").toFile());
        Process process = builder.start();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new ShellRun(process.exitValue(), stderr, Files.readString(tmp.resolve("stdout")));
    }

    /** A bin directory with the few tools the script uses besides jlink, as a JDK image has them. */
    private Path toolsOnly() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("dirname", "readlink", "cp", "cat", "wc")) {
            Path real = Files.isExecutable(Path.of("/usr/bin", tool)) ? Path.of("/usr/bin", tool) : Path.of("/bin", tool);
            assumeTrue(Files.isExecutable(real), "needs " + tool);
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        return bin;
    }

    @Test
    void linkedRuntimeCarriesTheDefaultCdsArchiveUnlessTheUserOptsOut() {
        ImagePlan plan = jlinkPlan(17);
        ImagePlan without = new ImagePlan(plan.app(), plan.runtime(), plan.builderImage(), plan.runtimeImage(), plan.user(),
                plan.jvmFlags(), plan.ports(), plan.labels(), plan.fileTimestamp(),
                new ImagePlan.JlinkOptions(ImagePlan.JlinkOptions.DEFAULT_LOCALES, List.of(), List.of(), false));

        assertThat(generate(plan, modules("en")).render()).contains(" --generate-cds-archive");
        assertThat(generate(without, modules("en")).render()).doesNotContain("cds");
    }

    @ParameterizedTest
    @CsvSource({"eclipse-temurin:11-jdk, false", "eclipse-temurin:17.0.12_7-jdk, true", "eclipse-temurin:25-jdk, true",
        "registry.example.com/my-jdk:stable, true"})
    void onlyABuilderJdkOf17OrLaterGeneratesTheCdsArchive(String builderImage, boolean generates) {
        ImagePlan plan = jlinkPlan(17);
        ImagePlan on = new ImagePlan(plan.app(), plan.runtime(), builderImage, plan.runtimeImage(), plan.user(),
                plan.jvmFlags(), plan.ports(), plan.labels(), plan.fileTimestamp(), plan.jlink());

        assertThat(generate(on, modules("en")).render().contains("--generate-cds-archive")).isEqualTo(generates);
    }

    /** A JDK under tmp/jdk whose jlink records its arguments, reached through a symlink in the bin directory. */
    private Path fakeJdk(Path bin, int jlinkExit) throws IOException {
        Path jdk = tmp.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.createDirectories(tmp.resolve("certs"));
        Files.writeString(tmp.resolve("certs/cacerts"), "the JDK's trust store");
        Files.createDirectories(jdk.resolve("lib/security"));
        Files.createSymbolicLink(jdk.resolve("lib/security/cacerts"), tmp.resolve("certs/cacerts"));
        Path jlink = jdk.resolve("bin/jlink");
        Files.writeString(jlink, """
                #!/bin/sh
                for arg in "$@"; do printf '%%s\\n' "$arg"; done > %s
                while [ $# -gt 0 ]; do [ "$1" = --output ] && out="$2"; shift; done
                mkdir -p "$out/lib/security" "$out/lib/server"
                [ %2$d -ne 0 ] || { printf '%%1000s' x > "$out/lib/server/classes.jsa"; printf '%%234s' y > "$out/lib/server/classes_nocoops.jsa"; }
                exit %2$d
                """.formatted(tmp.resolve("jlink-args"), jlinkExit));
        Files.setPosixFilePermissions(jlink, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path mkdir = Path.of("/bin/mkdir");
        Files.createSymbolicLink(bin.resolve("mkdir"), Files.isExecutable(mkdir) ? mkdir : Path.of("/usr/bin/mkdir"));
        Files.createSymbolicLink(bin.resolve("jlink"), jlink);
        return jdk;
    }

    @Test
    void scriptPassesEachOptionAsOneArgumentAndCopiesTheTrustStore() throws Exception {
        Path bin = toolsOnly();
        fakeJdk(bin, 0);
        String script = DockerfileGenerator.jlinkScript(jlinkPlan(17), modules("en,de"));

        ShellRun run = runScript(script, bin);

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(Files.readAllLines(tmp.resolve("jlink-args"))).containsExactly(
                "--add-modules", MODULE_LIST, "--include-locales=en,de", "--strip-debug", "--no-header-files",
                "--no-man-pages", "--compress=2", "--generate-cds-archive", "-J-XX:TieredStopAtLevel=1", "--output", tmp.resolve("out").toString());
        assertThat(tmp.resolve("out/lib/security/cacerts")).isRegularFile().hasContent("the JDK's trust store");
        assertThat(run.stdout()).as("the bytes of both CDS archives, for the report").isEqualTo("slim: runtime CDS archives 1234 bytes\n");
    }

    @Test
    void scriptStopsWhenJlinkFails() throws Exception {
        Path bin = toolsOnly();
        fakeJdk(bin, 3);

        ShellRun run = runScript(DockerfileGenerator.jlinkScript(jlinkPlan(17), modules("")), bin);

        assertThat(run.exit()).isNotZero();
        assertThat(tmp.resolve("out/lib/security/cacerts")).doesNotExist();
    }

    @Test
    void builderImageWithoutJlinkFailsWithAMessageNamingTheSetting() throws Exception {
        Path bin = toolsOnly();

        ShellRun run = runScript(DockerfileGenerator.jlinkScript(jlinkPlan(17), modules("")), bin);

        assertThat(run.exit()).isNotZero();
        assertThat(run.stderr()).contains("builderImage eclipse-temurin:17-jdk has no jlink").contains("<builderImage>");
    }
}
