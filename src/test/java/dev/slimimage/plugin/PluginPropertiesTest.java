package dev.slimimage.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The property names come from the descriptor maven-plugin-plugin wrote into target/classes, as the plugin jar holds it. */
class PluginPropertiesTest {

    private static PluginProperties own() throws Exception {
        return PluginProperties.ofDescriptor(PluginPropertiesTest.class.getClassLoader(), List.of(AbstractSlimMojo.PASSWORD_PROPERTY));
    }

    @Test
    void theNamesAreEveryParametersPropertyInTheDescriptorPlusThePassword() throws Exception {
        assertThat(own().known()).contains("slim.skip", "slim.image", "slim.jvmFlags", "slim.runtime", "slim.ports",
                        "slim.verify.httpPath", "slim.verify.args", "slim.verify.port", "slim.build.push", "slim.push.skip",
                        "slim.registry.username", "slim.registry.password")
                .allMatch(n -> n.startsWith("slim.") && !n.contains("${") && !n.contains("}"))
                .hasSizeGreaterThan(25);
    }

    @Test
    void aMisspeltPropertyGetsOneWarningWithTheNearestName() throws Exception {
        List<String> warnings = own().warnings(List.of("slim.verifyHttpPath", "slim.jvmflags", "slim.runtime", "maven.test.skip",
                "slim.verify.httpPath"));

        assertThat(warnings).containsExactly(
                "The property slim.jvmflags is not read by slim-maven-plugin and has no effect; did you mean slim.jvmFlags?",
                "The property slim.verifyHttpPath is not read by slim-maven-plugin and has no effect; did you mean "
                        + "slim.verify.httpPath?");
    }

    @Test
    void anotherPluginsDescriptorIsNotTakenForOurs() throws Exception {
        String other = "<plugin><goalPrefix>jib</goalPrefix><mojos><mojo><configuration>"
                + "<x implementation=\"java.lang.String\">${slim.x}</x></configuration></mojo></mojos></plugin>";

        assertThat(PluginProperties.read(new ByteArrayInputStream(other.getBytes(StandardCharsets.UTF_8)))).isEmpty();
    }

    @Test
    void onlyWholeSlimExpressionsOfConfigurationElementsCount() throws Exception {
        String ours = "<plugin><goalPrefix>slim</goalPrefix><mojos><mojo><configuration>"
                + "<a implementation=\"java.lang.String\" default-value=\"x\">${slim.a}</a>"
                + "<b implementation=\"java.io.File\">${project.build.directory}/slim</b>"
                + "<c implementation=\"java.lang.String\">${other.c}</c>"
                + "</configuration></mojo></mojos></plugin>";

        assertThat(PluginProperties.read(new ByteArrayInputStream(ours.getBytes(StandardCharsets.UTF_8)))).hasValue(java.util.Set.of("slim.a"));
    }

    @Test
    void editDistance() {
        assertThat(PluginProperties.distance("", "abc")).isEqualTo(3);
        assertThat(PluginProperties.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(PluginProperties.distance("slim.verifyHttpPath", "slim.verify.httpPath")).isEqualTo(2);
        assertThat(PluginProperties.distance("same", "same")).isZero();
    }
}
