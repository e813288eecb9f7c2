package dev.slimimage.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {

    private static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @ParameterizedTest
    @ValueSource(strings = {
            "my-app:1.0",
            "my-app",
            "registry.example.com:5000/team/app:1.0-SNAPSHOT",
            "localhost:5000/app",
            "Registry.Example.com/team/app:1",
            "eclipse-temurin:17-jre",
            "gcr.io/distroless/java17-debian12",
            "team/sub_team/my__app:v1.2.3_rc-1"})
    void acceptsReferencesTheDaemonAccepts(String reference) throws ConfigurationException {
        assertThat(ImageReference.validate(reference, "image (slim.image)")).isEqualTo(reference);
        assertThat(ImageReference.validateBase(reference, "runtimeImage")).isEqualTo(reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app@" + DIGEST, "app:1.0@" + DIGEST, "registry.example.com:5000/team/app@" + DIGEST})
    void baseImagesMayBePinnedByDigest(String reference) throws ConfigurationException {
        assertThat(ImageReference.validateBase(reference, "runtimeImage")).isEqualTo(reference);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app@" + DIGEST, "app:1.0@" + DIGEST})
    void anImageToTagCannotCarryADigest(String reference) {
        // The daemon cannot tag a build result with a digest: it answered such an image with "Connection reset by peer".
        assertThatThrownBy(() -> ImageReference.validate(reference, "image (slim.image)"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("image (slim.image)")
                .hasMessageContaining("'" + reference + "'")
                .hasMessageContaining("digest")
                .hasMessageContaining("e.g. my-app:1.0");
    }

    @Test
    void aFullReferenceAsExtraTagCannotCarryADigest() {
        assertThatThrownBy(() -> ImageReference.withTag("my-app:1.0", "registry.example.com/app@" + DIGEST))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("digest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"My App:1", "my app", "app:", ":tag", "app:.hidden", "app@sha256:abc", "team//app", "-app", "app:1:2"})
    void rejectsInvalidReferencesNamingTheParameterWithAnExample(String reference) {
        assertThatThrownBy(() -> ImageReference.validate(reference, "image (slim.image)"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("image (slim.image)")
                .hasMessageContaining("'" + reference + "'")
                .hasMessageContaining("e.g. my-app:1.0");
    }

    @Test
    void theRefusalCarriesTheParameterTheValueAndTheFix() {
        assertThatThrownBy(() -> ImageReference.validate("My App:1", "image (slim.image)"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.parameter()).isEqualTo("image (slim.image)");
                    assertThat(e.value()).isEqualTo("My App:1");
                    assertThat(e.getMessage()).endsWith(e.fix() + ".").doesNotContain("\n");
                });
    }

    @Test
    void uppercaseRepositoryNamesGetALowercaseHint() {
        assertThatThrownBy(() -> ImageReference.validate("My-App:1", "runtimeImage"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("runtimeImage")
                .hasMessageContaining("lowercase");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void rejectsEmptyReferences(String reference) {
        assertThatThrownBy(() -> ImageReference.validate(reference, "builderImage"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("builderImage")
                .hasMessageContaining("empty")
                .hasMessageContaining("my-app:1.0");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> ImageReference.validate(null, "image")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("image");
    }

    @Test
    void withTagReplacesTheTagOfTheRepository() throws ConfigurationException {
        assertThat(ImageReference.withTag("my-app:1.0", "latest")).isEqualTo("my-app:latest");
        assertThat(ImageReference.withTag("my-app", "latest")).isEqualTo("my-app:latest");
        assertThat(ImageReference.withTag("registry.example.com:5000/team/app:1.0", "stable"))
                .isEqualTo("registry.example.com:5000/team/app:stable");
        assertThat(ImageReference.withTag("registry.example.com:5000/team/app", "stable"))
                .isEqualTo("registry.example.com:5000/team/app:stable");
    }

    @Test
    void withTagTakesAFullReferenceAsItIs() throws ConfigurationException {
        assertThat(ImageReference.withTag("my-app:1.0", "registry.example.com/team/app:1.0"))
                .isEqualTo("registry.example.com/team/app:1.0");
        assertThatThrownBy(() -> ImageReference.withTag("my-app:1.0", "Team/App:1"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("tag");
    }

    @ParameterizedTest
    @ValueSource(strings = {".hidden", "-dash", "with space", "ünïcode", ""})
    void withTagRejectsInvalidTags(String tag) {
        assertThatThrownBy(() -> ImageReference.withTag("my-app:1.0", tag))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("tag");
    }

    @Test
    void withTagAcceptsTagsUpTo128Characters() throws ConfigurationException {
        assertThat(ImageReference.withTag("app", "a".repeat(128))).isEqualTo("app:" + "a".repeat(128));
        assertThatThrownBy(() -> ImageReference.withTag("app", "a".repeat(129))).isInstanceOf(ConfigurationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPPER/app", "UPPER/app:1.0", "Team/app"})
    void uppercaseFirstComponentWithoutDotOrPortIsNotARegistry(String reference) {
        // The daemon only reads the first component as a registry host when it has a '.' or ':' or is localhost;
        // otherwise it is a repository path and must be lowercase ("repository name must be lowercase").
        assertThatThrownBy(() -> ImageReference.validate(reference, "image (slim.image)"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("image (slim.image)")
                .hasMessageContaining("lowercase")
                .hasMessageContaining("e.g. my-app:1.0");
    }
}
