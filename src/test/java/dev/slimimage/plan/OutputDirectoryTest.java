package dev.slimimage.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void aDirectoryBelowTheBuildDirectoryIsUsed() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("project/target"));

        assertThat(OutputDirectory.inside(target, target.resolve("slim"))).isEqualTo(target.toRealPath().resolve("slim"));
        assertThat(OutputDirectory.inside(target, target.resolve("a/../b/c"))).isEqualTo(target.toRealPath().resolve("b/c"));
    }

    @Test
    void theBuildDirectoryItselfAndAnythingOutsideAreRefused() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("project/target"));

        for (Path out : new Path[] {target, target.resolve("slim/../.."), tmp.resolve("project/docker"), tmp.resolve("project/target2")}) {
            assertThatThrownBy(() -> OutputDirectory.inside(target, out))
                    .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.parameter()).isEqualTo("outputDirectory"))
                    .hasMessageContaining("is not inside the build directory")
                    .hasMessageEndingWith("choose a directory there.");
        }
    }

    @Test
    void aLinkInsideTheBuildDirectoryCannotLeadOutOfIt() throws Exception {
        // target/link -> .. : target/link/x is the project's own x; writing there overwrote its Dockerfile and layers/.
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path target = Files.createDirectories(project.resolve("target"));
        Files.createSymbolicLink(target.resolve("link"), Path.of(".."));

        assertThatThrownBy(() -> OutputDirectory.inside(target, target.resolve("link/x")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("outputDirectory " + target.resolve("link/x"))
                .hasMessageContaining("resolves to " + project.toRealPath().resolve("x"))
                .hasMessageContaining("is not inside the build directory");
        assertThatThrownBy(() -> OutputDirectory.inside(target, target.resolve("link")))
                .isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> OutputDirectory.inside(target, target.resolve("missing/../link/x")))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void aLinkToADirectoryElsewhereOrToNothingIsRefused() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("project/target"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createSymbolicLink(target.resolve("away"), elsewhere);
        Files.createSymbolicLink(target.resolve("dangling"), tmp.resolve("not-yet/there"));

        assertThatThrownBy(() -> OutputDirectory.inside(target, target.resolve("away/slim")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("resolves to " + elsewhere.toRealPath().resolve("slim"));
        assertThatThrownBy(() -> OutputDirectory.inside(target, target.resolve("dangling/slim")))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("resolves to " + tmp.toRealPath().resolve("not-yet/there/slim"));
    }

    @Test
    void linksThatStayInsideAreFollowed() throws Exception {
        Path build = Files.createDirectories(tmp.resolve("disk/build"));
        Path project = Files.createDirectories(tmp.resolve("project"));
        Path target = Files.createSymbolicLink(project.resolve("target"), build);
        Files.createDirectories(build.resolve("real"));
        Files.createSymbolicLink(build.resolve("alias"), Path.of("real"));

        assertThat(OutputDirectory.inside(target, target.resolve("slim"))).isEqualTo(build.toRealPath().resolve("slim"));
        assertThat(OutputDirectory.inside(target, target.resolve("alias/slim"))).isEqualTo(build.toRealPath().resolve("real/slim"));
    }
}
