package dev.slimimage.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.junit.jupiter.api.Test;

/** The property names come from the descriptor maven-plugin-plugin wrote into target/classes, as Maven reads it from the plugin jar. */
class PluginPropertiesTest {

    private static PluginProperties own() throws Exception {
        try (var in = PluginPropertiesTest.class.getClassLoader().getResourceAsStream("META-INF/maven/plugin.xml")) {
            return PluginProperties.of(descriptor(new String(in.readAllBytes(), StandardCharsets.UTF_8)),
                    List.of(AbstractSlimMojo.PASSWORD_PROPERTY));
        }
    }

    /** The descriptor as Maven reads it. */
    private static PluginDescriptor descriptor(String pluginXml) throws Exception {
        return new PluginDescriptorBuilder().build(new StringReader(pluginXml));
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
    void onlyWholeSlimExpressionsOfConfigurationElementsCount() throws Exception {
        String ours = "<plugin><groupId>g</groupId><artifactId>a</artifactId><version>1</version><goalPrefix>slim</goalPrefix>"
                + "<mojos><mojo><goal>build</goal><implementation>x.Build</implementation><configuration>"
                + "<a implementation=\"java.lang.String\" default-value=\"x\">${slim.a}</a>"
                + "<b implementation=\"java.io.File\">${project.build.directory}/slim</b>"
                + "<c implementation=\"java.lang.String\">${other.c}</c>"
                + "</configuration></mojo><mojo><goal>push</goal><implementation>x.Push</implementation></mojo></mojos></plugin>";

        assertThat(PluginProperties.of(descriptor(ours), List.of()).known()).containsExactly("slim.a");
    }

    @Test
    void editDistance() {
        assertThat(PluginProperties.distance("", "abc")).isEqualTo(3);
        assertThat(PluginProperties.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(PluginProperties.distance("slim.verifyHttpPath", "slim.verify.httpPath")).isEqualTo(2);
        assertThat(PluginProperties.distance("same", "same")).isZero();
    }
}
