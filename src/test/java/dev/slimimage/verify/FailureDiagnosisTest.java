package dev.slimimage.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.modules.JdkModules;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FailureDiagnosisTest {

    private static final JdkModules JDK = new JdkModules();

    private final FailureDiagnosis diagnosis = new FailureDiagnosis(JDK);

    private static final String MISSING_TIMESTAMP = """
            Exception in thread "main" java.lang.NoClassDefFoundError: java/sql/Timestamp
            \tat com.example.Main.main(Main.java:12)
            Caused by: java.lang.ClassNotFoundException: java.sql.Timestamp
            \tat java.base/jdk.internal.loader.BuiltinClassLoader.loadClass(BuiltinClassLoader.java:641)
            \t... 1 more
            """;

    @Test
    void missingJdkClassOnALinkedRuntimeNamesItsModuleAndAddModules() {
        List<String> hints = diagnosis.hints(MISSING_TIMESTAMP, true);

        assertThat(hints).singleElement().asString()
                .contains("module java.sql")
                .contains("java.sql.Timestamp")
                .contains("<addModules>");
    }

    @Test
    void classNotFoundWithADottedNameIsRecognisedToo() {
        String output = "java.lang.ClassNotFoundException: javax.naming.InitialContext\n"
                + "\tat java.base/java.lang.Class.forName0(Native Method)\n";

        assertThat(diagnosis.hints(output, true)).singleElement().asString()
                .contains("module java.naming").contains("<addModules>");
    }

    @Test
    void onARuntimeThatCameWithTheBaseImageThereIsNoModuleHint() {
        assertThat(diagnosis.hints(MISSING_TIMESTAMP, false)).isEmpty();
    }

    @Test
    void missingClassOfTheApplicationItselfIsNotBlamedOnTheRuntime() {
        String output = "Exception in thread \"main\" java.lang.NoClassDefFoundError: com/example/service/Greeter\n"
                + "Caused by: java.lang.ClassNotFoundException: com.example.service.Greeter\n";

        assertThat(diagnosis.hints(output, true)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void missingLibstdcppPointsToTheDistrolessCcImage(boolean linked) {
        String output = "/opt/java/bin/java: error while loading shared libraries: libstdc++.so.6: "
                + "cannot open shared object file: No such file or directory\n";

        assertThat(diagnosis.hints(output, linked)).singleElement().asString()
                .contains("libstdc++.so.6")
                .contains("gcr.io/distroless/cc-debian12");
    }

    @Test
    void anotherMissingSharedLibraryIsNamedWithoutTheCcAdvice() {
        String output = "java: error while loading shared libraries: libz.so.1: cannot open shared object file: No such file or directory";

        assertThat(diagnosis.hints(output, true)).singleElement().asString()
                .contains("libz.so.1").contains("<runtimeImage>").doesNotContain("cc-debian12");
    }

    @Test
    void missingEllipticCurveAlgorithmNamesJdkCryptoEc() {
        String output = "java.security.NoSuchAlgorithmException: EC KeyPairGenerator not available\n"
                + "\tat java.base/java.security.KeyPairGenerator.getInstance(KeyPairGenerator.java:236)\n";

        assertThat(diagnosis.hints(output, true)).singleElement().asString()
                .contains("jdk.crypto.ec").contains("EC KeyPairGenerator not available");
    }

    @Test
    void missingKerberosAlgorithmNamesJgssNotEllipticCurves() {
        String output = "java.security.NoSuchAlgorithmException: GSS-API Kerberos mechanism not available\n";

        assertThat(diagnosis.hints(output, true)).singleElement().asString()
                .contains("java.security.jgss").doesNotContain("add module jdk.crypto.ec");
    }

    @Test
    void unknownMissingAlgorithmListsTheProviderModulesInsteadOfGuessing() {
        String output = "java.security.NoSuchAlgorithmException: Acme-Cipher Cipher not available\n";

        assertThat(diagnosis.hints(output, true)).singleElement().asString()
                .contains("Acme-Cipher").contains("jdk.crypto.cryptoki").doesNotContain("add module jdk.crypto.ec");
    }

    @Test
    void missingCharsetNamesJdkCharsets() {
        String output = "Exception in thread \"main\" java.nio.charset.UnsupportedCharsetException: Shift_JIS\n"
                + "\tat java.base/java.nio.charset.Charset.forName(Charset.java:559)\n";

        assertThat(diagnosis.hints(output, true)).singleElement().asString()
                .contains("Shift_JIS").contains("jdk.charsets");
    }

    @Test
    void missingModuleAtStartupIsNamed() {
        String output = "Error occurred during initialization of boot layer\n"
                + "java.lang.module.FindException: Module jdk.httpserver not found\n";

        assertThat(diagnosis.hints(output, true)).singleElement().asString()
                .contains("jdk.httpserver").contains("<addModules>");
    }

    @Test
    void outputWithoutAKnownSignatureGivesNoHints() {
        String output = """
                Exception in thread "main" java.lang.IllegalStateException: database url not configured
                \tat com.example.Main.main(Main.java:20)
                """;

        assertThat(diagnosis.hints(output, true)).isEmpty();
        assertThat(diagnosis.hints("", true)).isEmpty();
    }

    @Test
    void theSameMissingModuleIsHintedOnce() {
        String output = MISSING_TIMESTAMP + MISSING_TIMESTAMP;

        assertThat(diagnosis.hints(output, true)).hasSize(1);
    }
}
