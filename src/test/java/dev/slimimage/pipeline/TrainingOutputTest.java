package dev.slimimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slimimage.docker.ImageBuildException;
import dev.slimimage.plan.StartupCache;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingOutputTest {

    private final List<String> info = new ArrayList<>();
    private final List<String> debug = new ArrayList<>();
    private final List<String> output = new ArrayList<>();
    private final BuildLog log = new BuildLog() {
        public void info(String message) {
            info.add(message);
        }

        public void warn(String message) {
        }

        public void debug(String message) {
            debug.add(message);
        }

        public void buildOutput(String line) {
            output.add(line);
        }
    };
    private final StartupCache aot = new StartupCache(StartupCache.Kind.AOT, 25, List.of(), List.of());

    @Test
    void theJvmsCacheMessagesGoToTheDebugLogAndTheRestAsUsual() {
        TrainingOutput training = new TrainingOutput(aot, log);

        training.accept("Step 14/28 : RUN [\"java\", \"-XX:AOTCacheOutput=/app/startup/app.aot\"]");
        training.accept("[warning][aot] Skipping org/example/Proxy$1: Hidden class");
        training.accept("[1.234s][warning][cds,dynamic] Skipping jdk/proxy1/$Proxy12: Unsupported location");
        training.accept("[0.5s][info ][aot] Reading AOTConfiguration");
        training.accept("2026-12-03T03:41:27Z INFO 1 --- [main] c.e.App : Starting App");

        assertThat(output).containsExactly("Step 14/28 : RUN [\"java\", \"-XX:AOTCacheOutput=/app/startup/app.aot\"]",
                "2026-12-03T03:41:27Z INFO 1 --- [main] c.e.App : Starting App");
        assertThat(debug).hasSize(3);
        assertThat(training.summary()).contains("the JVM's 3 cache messages are in the debug log, mvn -X")
                .contains("startup-cache is not reproducible");
    }

    @Test
    void aMissingArchiveIsToldInTheCachesTermsWithWhatTheJvmSaid() {
        TrainingOutput training = new TrainingOutput(aot, log);
        training.accept("[0.013s][error][aot] Unable to create AOT configuration file /app/startup/app.aot.config");

        ImageBuildException translated = training.translate(new ImageBuildException("The image build failed at Step 28/28 : "
                + "COPY --from=training /app/startup/app.aot /app/startup/app.aot: COPY failed: stat app/startup/app.aot: file does "
                + "not exist")).orElseThrow();

        assertThat(translated.getMessage()).startsWith("The training run exited without writing the AOT cache /app/startup/app.aot")
                .contains("Unable to create AOT configuration file");
    }

    @Test
    void aFailedTrainingRunKeepsItsOutputAndOtherFailuresStayAsTheyAre() {
        TrainingOutput training = new TrainingOutput(aot, log);
        String failed = "The image build failed at Step 14/28 : RUN [\"java\", \"-XX:AOTCacheOutput=/app/startup/app.aot\"] "
                + "(exit code 1). The step printed:\n  Exception in thread \"main\" java.lang.IllegalStateException: no";

        assertThat(training.translate(new ImageBuildException(failed)).orElseThrow().getMessage())
                .startsWith("The training run of the startup cache failed: ").contains("IllegalStateException: no");
        assertThat(training.translate(new ImageBuildException("The image build failed at Step 3/9 : COPY layers/classes/ /")))
                .isEmpty();
    }
}
