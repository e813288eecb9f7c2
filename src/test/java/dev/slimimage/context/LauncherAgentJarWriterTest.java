package dev.slimimage.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.analysis.FileSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherAgentJarWriterTest {

    private static final Instant TIMESTAMP = Instant.parse("2024-01-01T00:00:00Z");
    private static final FileSource.LauncherAgentJar RETRANSFORMING =
            new FileSource.LauncherAgentJar(List.of("Can-Retransform-Classes"));

    @TempDir
    Path tmp;

    private Path write(FileSource.LauncherAgentJar agent, String name) throws IOException {
        Path jar = tmp.resolve(name);
        new LauncherAgentJarWriter().write(agent, jar, TIMESTAMP);
        return jar;
    }

    @Test
    void holdsTheJava8AgentClassAndAManifestNamingItWithTheCapabilities() throws IOException {
        Path jar = write(RETRANSFORMING, "agent.jar");

        try (JarFile written = new JarFile(jar.toFile())) {
            List<String> names = Collections.list(written.entries()).stream().map(ZipEntry::getName).toList();
            assertThat(names).containsExactly("META-INF/", "META-INF/MANIFEST.MF", "dev/", "dev/slimimage/",
                    "dev/slimimage/launcher/", "dev/slimimage/launcher/LauncherAgent.class");
            Attributes main = written.getManifest().getMainAttributes();
            assertThat(main.getValue("Premain-Class")).isEqualTo("dev.slimimage.launcher.LauncherAgent");
            assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
            assertThat(main.getValue("Can-Redefine-Classes")).isNull();
            byte[] agentClass = written.getInputStream(written.getEntry("dev/slimimage/launcher/LauncherAgent.class")).readAllBytes();
            // Class-file major version 52: it runs on every runtime from Java 8 on.
            assertThat(((agentClass[6] & 0xff) << 8) | (agentClass[7] & 0xff)).isEqualTo(52);
            for (ZipEntry entry : Collections.list(written.entries())) {
                assertThat(entry.getMethod()).as(entry.getName()).isEqualTo(ZipEntry.STORED);
                assertThat(entry.getExtra()).as(entry.getName()).isNull();
                assertThat(entry.getTimeLocal()).as(entry.getName()).hasToString("2024-01-01T00:00");
            }
        }
    }

    @Test
    void theSameCapabilitiesGiveTheSameBytesInAnyTimeZoneAndOthersDiffer() throws IOException {
        Path first = write(RETRANSFORMING, "first.jar");
        TimeZone zone = TimeZone.getDefault();
        Path second;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
            second = write(RETRANSFORMING, "second.jar");
        } finally {
            TimeZone.setDefault(zone);
        }
        Path other = write(new FileSource.LauncherAgentJar(List.of()), "other.jar");

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
        assertThat(Files.readAllBytes(other)).isNotEqualTo(Files.readAllBytes(first));
    }

    // --- the agent at work, in a JVM started as the image starts it ------------------------------------------------

    private static final String MAIN = """
            package app;
            public class Main {
                public static void main(String[] args) {
                    System.out.println("main sees: " + System.getProperty("agent"));
                }
            }
            """;

    private Path compile(String... sources) throws IOException {
        Path src = tmp.resolve("src");
        Path classes = tmp.resolve("classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        for (String source : sources) {
            String name = source.substring(source.indexOf("class ") + 6, source.indexOf(' ', source.indexOf("class ") + 6));
            Path file = src.resolve("app").resolve(name + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source);
            args.add(file.toString());
        }
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new))).isZero();
        return classes;
    }

    private record Run(int exit, String output) {}

    private Run java(Path agentJar, String agentClass, Path classes) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + agentJar + "=" + agentClass, "-cp", classes.toString(), "app.Main")
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(process.waitFor(), output);
    }

    @Test
    void startsTheAgentmainWithInstrumentationLikeJavaJarBeforeTheMainClassIsLoaded() throws Exception {
        Path classes = compile(MAIN, """
                package app;
                import java.lang.instrument.Instrumentation;
                public class Agent {
                    public static void agentmain(String args, Instrumentation inst) {
                        boolean mainLoaded = false;
                        for (Class<?> c : inst.getAllLoadedClasses()) {
                            mainLoaded |= c.getName().equals("app.Main");
                        }
                        System.setProperty("agent", "args=[" + args + "] retransform=" + inst.isRetransformClassesSupported()
                                + " main loaded=" + mainLoaded + " loader=" + (Agent.class.getClassLoader() == ClassLoader.getSystemClassLoader()));
                    }
                    public static void agentmain(String args) {
                        System.setProperty("agent", "the one-argument agentmain");
                    }
                }
                """);

        Run run = java(write(RETRANSFORMING, "agent.jar"), "app.Agent", classes);

        assertThat(run.output()).contains("main sees: args=[] retransform=true main loaded=false loader=true");
        assertThat(run.exit()).isZero();
    }

    @Test
    void withoutTheTwoArgumentMethodTheOneArgumentAgentmainRuns() throws Exception {
        Path classes = compile(MAIN, """
                package app;
                class Agent {
                    public static void agentmain(String args) {
                        System.setProperty("agent", "one argument, args=[" + args + "]");
                    }
                }
                """);

        Run run = java(write(new FileSource.LauncherAgentJar(List.of()), "agent.jar"), "app.Agent", classes);

        assertThat(run.output()).contains("main sees: one argument, args=[]");
        assertThat(run.exit()).isZero();
    }

    @Test
    void anAgentThatCannotStartStopsTheJvmWithStatus1AndSaysWhich() throws Exception {
        Path classes = compile(MAIN, """
                package app;
                public class Agent {
                    public static void agentmain(String args) {
                        throw new IllegalStateException("no license file");
                    }
                }
                """);
        Path agentJar = write(RETRANSFORMING, "agent.jar");

        Run failing = java(agentJar, "app.Agent", classes);
        Run missing = java(agentJar, "app.Missing", classes);

        assertThat(failing.exit()).isEqualTo(1);
        assertThat(failing.output()).contains("the Launcher-Agent-Class app.Agent of the application's jar manifest did not start")
                .contains("IllegalStateException: no license file").doesNotContain("main sees");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.output()).contains("ClassNotFoundException: app.Missing").doesNotContain("main sees");
    }
}
