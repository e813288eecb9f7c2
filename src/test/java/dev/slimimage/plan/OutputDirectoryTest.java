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
}
