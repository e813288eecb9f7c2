package dev.slimimage.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.testing.ClassBytes;
import dev.slimimage.testing.TestJar;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.Opcodes;

class MainClassAndReleaseTest {

    @TempDir
    Path tmp;

    private Inputs project(TestJar jar) throws Exception {
        return Inputs.in(tmp.resolve("project")).plainJar(jar);
    }

    private static TestJar withMethod(TestJar jar, String className, int access, String name, String descriptor) {
        return jar.entry(ClassBytes.entryName(className), ClassBytes.withMethod(className, 17, access, name, descriptor));
    }

    // --- main class -------------------------------------------------------------------------------------------

    @Test
    void configuredMainClassWinsOverTheManifest() throws Exception {
        TestJar jar = TestJar.create().manifest("Main-Class", "com.example.Main")
                .mainClass("com.example.Main", 17).mainClass("com.example.Admin", 17);

        AppAnalysis analysis = project(jar).mainClass("com.example.Admin").analyze();

        assertThat(analysis.mainClass()).isEqualTo("com.example.Admin");
        assertThat(analysis.launchArguments()).last().isEqualTo("com.example.Admin");
    }

    @Test
    void manifestMainClassIsUsedEvenWhenSeveralClassesHaveMain() throws Exception {
        TestJar jar = TestJar.create().manifest("Main-Class", "com.example.Main")
                .mainClass("com.example.Main", 17).mainClass("com.example.Admin", 17);

        assertThat(project(jar).analyze().mainClass()).isEqualTo("com.example.Main");
    }

    @Test
    void scanFindsTheOnlyPublicStaticVoidMainOfStringArray() throws Exception {
        TestJar jar = TestJar.create().mainClass("com.example.Main", 17);
        withMethod(jar, "com.example.PackagePrivate", Opcodes.ACC_STATIC, "main", ClassBytes.MAIN_DESCRIPTOR);
        withMethod(jar, "com.example.Instance", Opcodes.ACC_PUBLIC, "main", ClassBytes.MAIN_DESCRIPTOR);
        withMethod(jar, "com.example.NoArgs", Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", "()V");
        withMethod(jar, "com.example.StringArg", Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", "(Ljava/lang/String;)V");
        withMethod(jar, "com.example.ReturnsInt", Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "main", "([Ljava/lang/String;)I");
        withMethod(jar, "com.example.OtherName", Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "start", ClassBytes.MAIN_DESCRIPTOR);

        AppAnalysis analysis = project(jar).analyze();

        assertThat(analysis.mainClass()).isEqualTo("com.example.Main");
        assertThat(analysis.launchArguments()).containsExactly("-cp", "/app/classes", "com.example.Main");
    }

    @Test
    void noMainClassIsAnErrorThatSaysHowToSetIt() throws Exception {
        TestJar jar = TestJar.create().clazz("com.example.Util", 17);
        withMethod(jar, "com.example.Instance", Opcodes.ACC_PUBLIC, "main", ClassBytes.MAIN_DESCRIPTOR);
        Inputs project = project(jar);

        assertThatThrownBy(project::analyze)
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("No main class")
                .hasMessageContaining("mainClass");
    }

    @Test
    void noMainClassSaysWhichJarAndWhichManifestAttributeWereLookedAt() throws Exception {
        Inputs project = project(TestJar.create().clazz("com.example.Util", 17));

        assertThatThrownBy(project::analyze)
                .hasMessage("No main class found: " + project.artifactFile() + " (the project's jar) has no Main-Class attribute in "
                        + "META-INF/MANIFEST.MF and none of its 1 classes declares public static void main(String[]), and no "
                        + "maven-shade-plugin execution writes another jar (outputFile, shadedArtifactAttached); "
                        + "set <mainClass> (-Dslim.mainClass).");
    }

    @Test
    void severalMainClassesIsAnErrorListingAllCandidatesSorted() throws Exception {
        TestJar jar = TestJar.create()
                .mainClass("com.zeta.App", 17)
                .mainClass("com.alpha.Tool", 17)
                .mainClass("com.middle.Cli", 17)
                .clazz("com.alpha.NotMain", 17);
        Inputs project = project(jar);

        assertThatThrownBy(project::analyze)
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("com.alpha.Tool, com.middle.Cli, com.zeta.App")
                .hasMessageNotContaining("NotMain")
                .hasMessageContaining("mainClass");
    }

    // --- Java release --------------------------------------------------------------------------------------------

    @Test
    void configuredReleaseWinsOverClassFiles() throws Exception {
        TestJar jar = TestJar.create().mainClass("com.example.Main", 11);

        assertThat(project(jar).release(21).analyze().javaRelease()).isEqualTo(21);
    }

    @Test
    void releaseIsTheHighestClassFileVersion() throws Exception {
        TestJar jar = TestJar.create().mainClass("com.example.Main", 11).clazz("com.example.Modern", 17).clazz("com.example.Old", 8);

        assertThat(project(jar).analyze().javaRelease()).isEqualTo(17);
    }

    @Test
    void multiReleaseVersionedClassesDoNotRaiseTheRelease() throws Exception {
        TestJar jar = TestJar.create()
                .manifest("Multi-Release", "true")
                .mainClass("com.example.Main", 11)
                .entry("META-INF/versions/21/com/example/Main.class", ClassBytes.withMain("com.example.Main", 21));

        AppAnalysis analysis = project(jar).analyze();

        assertThat(analysis.javaRelease()).isEqualTo(11);
        assertThat(analysis.mainClass()).isEqualTo("com.example.Main");
    }
}
