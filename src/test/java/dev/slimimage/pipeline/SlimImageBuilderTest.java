package dev.slimimage.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.ProjectAnalyzer;
import dev.slimimage.analysis.ProjectInput;
import dev.slimimage.docker.BuildResult;
import dev.slimimage.docker.DaemonUnavailableException;
import dev.slimimage.docker.ImageBuildException;
import dev.slimimage.docker.ImageNotAvailableException;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.PullPolicy;
import dev.slimimage.plan.RuntimeKind;
import dev.slimimage.plan.SizeBudget;
import dev.slimimage.testing.FakeDockerDaemon;
import dev.slimimage.testing.RecordingLog;
import dev.slimimage.testing.TestJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build pipeline against a fake daemon: what it pulls, tags, removes and reports, and what it leaves alone. */
class SlimImageBuilderTest {

    private static final Instant TIMESTAMP = Instant.parse("2024-03-01T12:00:00Z");
    private static final Map<String, String> OURS = Map.of(RuntimeKind.RUNTIME_LABEL, "jre");

    @TempDir
    Path tmp;

    private final FakeDockerDaemon daemon = new FakeDockerDaemon();
    private final RecordingLog log = new RecordingLog();
    private AppAnalysis app;

    @BeforeEach
    void setUp() throws Exception {
        Path project = tmp.resolve("project");
        TestJar jar = TestJar.create().manifest("Main-Class", "com.example.Main").mainClass("com.example.Main", 17);
        jar.extractTo(project.resolve("target/classes"));
        Path artifact = jar.writeTo(project.resolve("target/app-1.0.jar"));
        app = new ProjectAnalyzer().analyze(new ProjectInput("com.example", "app", "jar", artifact, project.resolve("target/classes"),
                List.of(), Optional.empty(), OptionalInt.empty()));
        daemon.addImage(300_000_000, Map.of(), "eclipse-temurin:17-jre");
        daemon.addImage(400_000_000, Map.of(), "eclipse-temurin:17-jdk");
    }

    private BuildRequest request(PullPolicy pull) {
        ImagePlan plan = new ImagePlan(app, RuntimeKind.JRE, "eclipse-temurin:17-jdk", "eclipse-temurin:17-jre", "65532",
                List.of(), List.of(), Map.of(), TIMESTAMP, ImagePlan.JlinkOptions.DEFAULTS);
        return new BuildRequest(plan, tmp.resolve("project/target/slim"), tmp.resolve("project/target/slim-cache"), "app:1",
                List.of("app:latest"), pull, false, Optional.empty());
    }

    private static BuildRequest forced(BuildRequest r) {
        return new BuildRequest(r.plan(), r.contextDirectory(), r.cacheDirectory(), r.image(), r.extraTags(), r.pull(), r.noCache(),
                r.dockerHost(), r.credentials(), r.budget(), true);
    }

    private static BuildRequest withBudget(BuildRequest r, SizeBudget budget) {
        return new BuildRequest(r.plan(), r.contextDirectory(), r.cacheDirectory(), r.image(), r.extraTags(), r.pull(), r.noCache(),
                r.dockerHost(), r.credentials(), budget, false);
    }

    private static BuildRequest withPlan(BuildRequest r, ImagePlan plan) {
        return new BuildRequest(plan, r.contextDirectory(), r.cacheDirectory(), r.image(), r.extraTags(), r.pull(), r.noCache(),
                r.dockerHost(), r.credentials(), r.budget(), false);
    }

    private static BuildRequest withoutCache(BuildRequest r) {
        return new BuildRequest(r.plan(), r.contextDirectory(), r.cacheDirectory(), r.image(), r.extraTags(), r.pull(), true,
                r.dockerHost(), r.credentials(), r.budget(), false);
    }

    /** Builds once, then makes every further build an assertion failure unless the test sets another behaviour. */
    private BuildOutcome builtOnce(BuildRequest request) throws Exception {
        buildsImage("sha256:" + "b".repeat(64));
        BuildOutcome first = new SlimImageBuilder(daemon.connector()).build(request, log);
        daemon.buildBehaviour = (context, tags, output) -> {
            throw new AssertionError("no build expected");
        };
        return first;
    }

    private void buildsImage(String id) {
        daemon.buildBehaviour = (context, tags, output) -> {
            output.accept("Step 1/1 : FROM eclipse-temurin:17-jre");
            daemon.tagImage(id, 300_001_000, OURS, tags);
            return new BuildResult(id, List.of(id), List.of());
        };
    }

    @Test
    void successfulBuildTagsReportsAndStreamsTheContextWithoutLeavingATarBehind() throws Exception {
        buildsImage("sha256:" + "b".repeat(64));

        BuildOutcome outcome = new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);

        assertThat(outcome.report().orElseThrow().imageBytes()).isEqualTo(300_001_000);
        assertThat(log.lines().get(0)).as("the daemon and why it was chosen come first")
                .isEqualTo("INFO Docker daemon: Docker 0.0-fake (API 1.41, local) at fake://daemon, chosen by the test");
        assertThat(outcome.report().orElseThrow().engine()).isEqualTo(daemon.engine());
        assertThat(outcome.reportFile()).exists();
        assertThat(daemon.inspect("app:latest")).isPresent();
        assertThat(daemon.lastContext).as("a tar with the Dockerfile first").isNotEmpty();
        assertThat(new String(daemon.lastContext, 0, 10)).isEqualTo("Dockerfile");
        try (var files = Files.list(tmp.resolve("project/target/slim"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("Dockerfile", "layers", "report.json",
                    "report.html", "image.json");
        }
        assertThat(log.lines()).contains("BUILD Step 1/1 : FROM eclipse-temurin:17-jre");
        ImageJson imageJson = ImageJson.read(tmp.resolve("project/target/slim/image.json"));
        assertThat(imageJson.image()).isEqualTo("app:1");
        assertThat(imageJson.tags()).containsExactly("app:1", "app:latest");
        assertThat(imageJson.imageId()).isEqualTo("sha256:" + "b".repeat(64));
        assertThat(imageJson.pushed()).isEmpty();
    }

    @Test
    void nothingChangedSaysUpToDateAndKeepsTheReportWithoutStagingOrBuilding() throws Exception {
        builtOnce(request(PullPolicy.MISSING));
        Path slim = tmp.resolve("project/target/slim");
        String report = Files.readString(slim.resolve("report.json"));
        String page = Files.readString(slim.resolve("report.html"));
        String imageJson = Files.readString(slim.resolve("image.json"));
        Files.delete(slim.resolve("Dockerfile"));

        BuildOutcome second = new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);

        assertThat(second.upToDate()).isTrue();
        assertThat(log.lines()).contains("INFO Image app:1 is up to date (bbbbbbbbbbbb): nothing it is built from changed since "
                + "the last build, so its report stays as it was.");
        assertThat(slim.resolve("Dockerfile")).as("nothing staged").doesNotExist();
        assertThat(slim.resolve("report.json")).hasContent(report);
        assertThat(slim.resolve("report.html")).hasContent(page);
        assertThat(slim.resolve("image.json")).hasContent(imageJson);
        assertThat(second.reportFile()).isEqualTo(slim.resolve("report.json"));
    }

    @Test
    void aChangedClassBuildsAgain() throws Exception {
        builtOnce(request(PullPolicy.MISSING));
        changeTheJar();
        buildsImage("sha256:" + "c".repeat(64));

        BuildOutcome second = new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);

        assertThat(second.upToDate()).isFalse();
        assertThat(daemon.inspect("app:1").orElseThrow().id()).isEqualTo("sha256:" + "c".repeat(64));
    }

    /** Builds naming every step's image, as Docker's classic builder does: the base image's, then one per step. */
    private List<String> buildsWithSteps(String finalId) {
        List<String> ids = new java.util.ArrayList<>();
        daemon.buildBehaviour = (context, tags, output) -> {
            String dockerfile = tarEntries(context).get("Dockerfile");
            long steps = dockerfile.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith(" ")).count();
            ids.clear();
            for (int i = 0; i < steps - 1; i++) {
                // Distinct in their first 12 digits, as the builder prints them.
                String id = "sha256:" + String.format("%012x", daemon.images.size() * 7919L + 1).repeat(6).substring(0, 64);
                daemon.tagImage(id, 1_000, Map.of(), java.util.Set.of());
                ids.add(id);
            }
            ids.add(finalId);
            daemon.tagImage(finalId, 300_001_000, OURS, tags);
            return new BuildResult(finalId, List.of(finalId), ids.stream().map(id -> id.substring(7, 19)).toList());
        };
        return ids;
    }

    private static Map<String, String> tarEntries(byte[] tar) {
        Map<String, String> entries = new java.util.LinkedHashMap<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(new java.io.ByteArrayInputStream(tar))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return entries;
    }

    private void changeTheJar() throws Exception {
        Path project = tmp.resolve("project");
        TestJar changed = TestJar.create().manifest("Main-Class", "com.example.Main").mainClass("com.example.Main", 17)
                .entry("extra.properties", "x=1\n");
        Path artifact = changed.writeTo(project.resolve("target/app-1.0.jar"));
        app = new ProjectAnalyzer().analyze(new ProjectInput("com.example", "app", "jar", artifact, project.resolve("target/classes"),
                List.of(), Optional.empty(), OptionalInt.empty()));
    }

    @Test
    void aChangedLayerIsBuiltOnTheLastBuildsImageBeforeItsStepWithOnlyTheLayersFromThere() throws Exception {
        List<String> steps = buildsWithSteps("sha256:" + "b".repeat(64));
        new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);
        List<String> firstSteps = List.copyOf(steps);
        String wholeDockerfile = tarEntries(daemon.lastContext).get("Dockerfile");
        changeTheJar();
        buildsWithSteps("sha256:" + "c".repeat(64));

        BuildOutcome second = new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);

        assertThat(second.upToDate()).isFalse();
        Map<String, String> sent = tarEntries(daemon.lastContext);
        String dockerfile = sent.get("Dockerfile");
        String from = dockerfile.lines().findFirst().orElseThrow();
        assertThat(from).startsWith("FROM sha256:");
        assertThat(firstSteps).as("a step image of the first build").contains(from.substring(5));
        List<String> copied = dockerfile.lines().filter(l -> l.startsWith("COPY layers/")).map(l -> l.split(" ")[1]).toList();
        assertThat(wholeDockerfile).as("the steps sent are the whole Dockerfile's last ones").endsWith(dockerfile.substring(from.length() + 1));
        assertThat(copied.size()).isLessThan((int) wholeDockerfile.lines().filter(l -> l.contains(" layers/")).count());
        assertThat(sent.keySet().stream().filter(n -> n.startsWith("layers/") && n.chars().filter(c -> c == '/').count() == 2))
                .as("only the layers the remaining steps copy").containsExactlyInAnyOrderElementsOf(copied);
        assertThat(log.lines()).anyMatch(l -> l.contains("changed, and nothing before it: the build starts from the last build's image after its first"));
        assertThat(daemon.inspect("app:1").orElseThrow().id()).isEqualTo("sha256:" + "c".repeat(64));
    }

    @Test
    void aStepImageNoLongerOnTheDaemonMeansBuildingEveryStep() throws Exception {
        buildsWithSteps("sha256:" + "b".repeat(64));
        new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);
        String wholeDockerfile = tarEntries(daemon.lastContext).get("Dockerfile");
        daemon.images.keySet().removeIf(id -> daemon.images.get(id).repoTags().isEmpty());
        changeTheJar();
        buildsWithSteps("sha256:" + "c".repeat(64));

        new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);

        assertThat(tarEntries(daemon.lastContext).get("Dockerfile")).isEqualTo(wholeDockerfile);
        assertThat(log.lines()).anyMatch(l -> l.contains("is no longer on the daemon: building every step."));
    }

    @Test
    void aBuildWithoutCacheOrForcedStillLetsTheNextBuildBeUpToDate() throws Exception {
        for (BuildRequest everyStep : List.of(withoutCache(request(PullPolicy.MISSING)), forced(request(PullPolicy.MISSING)))) {
            buildsImage("sha256:" + "d".repeat(64));
            assertThat(new SlimImageBuilder(daemon.connector()).build(everyStep, log).upToDate()).isFalse();
            daemon.buildBehaviour = (context, tags, output) -> {
                throw new AssertionError("no build expected");
            };

            assertThat(new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log).upToDate())
                    .as("after %s", everyStep.noCache() ? "noCache" : "force").isTrue();
        }
    }

    @Test
    void aChangedParameterBuildsAgain() throws Exception {
        BuildRequest first = request(PullPolicy.MISSING);
        builtOnce(first);
        ImagePlan p = first.plan();
        ImagePlan withFlag = new ImagePlan(p.app(), p.runtime(), p.builderImage(), p.runtimeImage(), p.user(), List.of("-Xss1m"),
                p.ports(), p.labels(), p.fileTimestamp(), p.jlink());
        buildsImage("sha256:" + "c".repeat(64));

        assertThat(new SlimImageBuilder(daemon.connector()).build(withPlan(first, withFlag), log).upToDate()).isFalse();
    }

    @Test
    void aBaseImageWithAnotherIdBuildsAgain() throws Exception {
        builtOnce(request(PullPolicy.MISSING));
        daemon.images.values().removeIf(i -> i.repoTags().contains("eclipse-temurin:17-jre"));
        daemon.addImage(300_000_000, Map.of(), "eclipse-temurin:17-jre");
        buildsImage("sha256:" + "c".repeat(64));

        assertThat(new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log).upToDate()).isFalse();
    }

    @Test
    void aRemovedImageIsBuiltAgain() throws Exception {
        builtOnce(request(PullPolicy.MISSING));
        daemon.images.remove("sha256:" + "b".repeat(64));
        buildsImage("sha256:" + "b".repeat(64));

        BuildOutcome second = new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);

        assertThat(second.upToDate()).isFalse();
        assertThat(log.lines()).contains("INFO Nothing the image is built from changed, but app:1 is no longer on the daemon: "
                + "building it again.");
        assertThat(second.reportFile()).exists();
    }

    @Test
    void aTagThatNamesAnotherImageNowIsBuiltAgain() throws Exception {
        builtOnce(request(PullPolicy.MISSING));
        String other = daemon.addImage(1, Map.of());
        daemon.tagImage(other, 1, Map.of(), java.util.Set.of("app:latest"));
        buildsImage("sha256:" + "b".repeat(64));

        assertThat(new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log).upToDate()).isFalse();
        assertThat(log.lines()).anyMatch(l -> l.contains("but app:latest names another image now"));
        assertThat(daemon.inspect("app:latest").orElseThrow().id()).isEqualTo("sha256:" + "b".repeat(64));
    }

    @Test
    void forceAndNoCacheBuildEvenWhenNothingChanged() throws Exception {
        builtOnce(request(PullPolicy.MISSING));
        buildsImage("sha256:" + "b".repeat(64));

        assertThat(new SlimImageBuilder(daemon.connector()).build(forced(request(PullPolicy.MISSING)), log).upToDate()).isFalse();
        assertThat(new SlimImageBuilder(daemon.connector()).build(withoutCache(request(PullPolicy.MISSING)), log).upToDate())
                .isFalse();
    }

    @Test
    void aBuildOverItsSizeBudgetIsNeverUpToDateSoItFailsAgain() throws Exception {
        BuildRequest overBudget = withBudget(request(PullPolicy.MISSING), SizeBudget.parse("1MB", null));
        BuildOutcome first = builtOnce(overBudget);
        assertThat(first.report().orElseThrow().budget().exceeded()).isNotNull();
        buildsImage("sha256:" + "b".repeat(64));

        BuildOutcome second = new SlimImageBuilder(daemon.connector()).build(overBudget, log);

        assertThat(second.upToDate()).isFalse();
        assertThat(second.report().orElseThrow().budget().exceeded()).isNotNull();
    }

    @Test
    void aMissingReportPageBuildsAgain() throws Exception {
        builtOnce(request(PullPolicy.MISSING));
        Files.delete(tmp.resolve("project/target/slim/report.html"));
        buildsImage("sha256:" + "b".repeat(64));

        assertThat(new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log).upToDate()).isFalse();
        assertThat(tmp.resolve("project/target/slim/report.html")).exists();
    }

    @Test
    void previousReportMovesToTheCacheWhereItSurvivesAFailedBuildForTheNextComparison() throws Exception {
        buildsImage("sha256:" + "b".repeat(64));
        new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);
        Path report = tmp.resolve("project/target/slim/report.json");
        Path previous = tmp.resolve("project/target/slim-cache/previous-report.json");
        String first = Files.readString(report);
        assertThat(previous).doesNotExist();
        daemon.buildBehaviour = (context, tags, output) -> {
            throw new ImageBuildException("The image build failed at Step 2/9 : RUN false (exit code 1)");
        };

        assertThatThrownBy(() -> new SlimImageBuilder(daemon.connector()).build(forced(request(PullPolicy.MISSING)), log))
                .isInstanceOf(ImageBuildException.class);

        assertThat(report).doesNotExist();
        assertThat(tmp.resolve("project/target/slim/report.html")).doesNotExist();
        assertThat(previous).hasContent(first);
    }

    @Test
    void failedBuildLeavesNoReportOfAnEarlierImage() throws Exception {
        buildsImage("sha256:" + "b".repeat(64));
        new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);
        Path report = tmp.resolve("project/target/slim/report.json");
        assertThat(report).exists();
        daemon.buildBehaviour = (context, tags, output) -> {
            throw new ImageBuildException("The image build failed at Step 2/9 : RUN false (exit code 1)");
        };

        assertThatThrownBy(() -> new SlimImageBuilder(daemon.connector()).build(forced(request(PullPolicy.MISSING)), log))
                .isInstanceOf(ImageBuildException.class);
        assertThat(report).doesNotExist();
    }

    @Test
    void pullAlwaysThatCannotReachTheRegistrySaysTheDaemonHasACopyAndHowToUseIt() {
        assertThatThrownBy(() -> new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.ALWAYS), log))
                .isInstanceOf(ImageNotAvailableException.class)
                .hasMessage("pull=always could not pull the runtime base image (runtimeImage) 'eclipse-temurin:17-jre' (dial tcp: "
                        + "lookup registry-1.docker.io: no such host) although the daemon at fake://daemon has a copy: build with "
                        + "that copy using -Dslim.pull=missing, or make the registry reachable.")
                .message().doesNotContain("is not on the Docker daemon");
    }

    @Test
    void missingBaseImageUnderPullNeverNamesTheImageAndHowToProvideIt() {
        daemon.images.clear();

        assertThatThrownBy(() -> new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.NEVER), log))
                .isInstanceOf(ImageNotAvailableException.class)
                .hasMessageContaining("'eclipse-temurin:17-jre' is not on the Docker daemon at fake://daemon and pull=never forbids")
                .hasMessageContaining("docker load");
        assertThat(daemon.pulled).isEmpty();
    }

    @Test
    void missingJdkOnlyCostsTheBaseline() throws Exception {
        daemon.images.values().removeIf(i -> i.repoTags().contains("eclipse-temurin:17-jdk"));
        buildsImage("sha256:" + "b".repeat(64));

        BuildOutcome outcome = new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);

        assertThat(outcome.report().orElseThrow().baselineBytes()).isNull();
        assertThat(log.text()).contains("No baseline: The JDK image (builderImage) 'eclipse-temurin:17-jdk' is not on the Docker daemon");
    }

    @Test
    void theImageOurTagsNamedBeforeIsRemovedWhenNothingElseNamesIt() throws Exception {
        String previous = daemon.addImage(1, OURS, "app:1", "app:latest");
        buildsImage("sha256:" + "b".repeat(64));

        new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);

        assertThat(daemon.removedImages).containsExactly(previous);
    }

    @Test
    void aReplacedImageThatIsNotOursOrStillTaggedIsKept() throws Exception {
        String notOurs = daemon.addImage(1, Map.of(), "app:1");
        String stillTagged = daemon.addImage(2, OURS, "app:latest", "someone-elses:tag");
        buildsImage("sha256:" + "b".repeat(64));

        new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);

        assertThat(daemon.removedImages).isEmpty();
        assertThat(daemon.images).containsKeys(notOurs, stillTagged);
    }

    @Test
    void aDaemonThatDiesIsReportedAsSuch() {
        daemon.buildBehaviour = (context, tags, output) -> {
            daemon.answering = false;
            throw new DaemonUnavailableException("The Docker daemon at fake://daemon stopped answering.", null);
        };

        assertThatThrownBy(() -> new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log))
                .isInstanceOf(DaemonUnavailableException.class);
    }

    @Test
    void aMovedJlinkCacheTagTakesTheImageItNamedBeforeAlong() throws Exception {
        BuildRequest request = jlinkRequest(true);
        String stage = "sha256:" + "5".repeat(64);
        String image = "sha256:" + "b".repeat(64);
        buildsLinkedImage(stage, image);
        new SlimImageBuilder(daemon.connector()).build(request, log);
        String cacheTag = daemon.images.get(stage).repoTags().get(0);
        assertThat(cacheTag).startsWith(SlimImageBuilder.JLINK_CACHE_REPOSITORY + ":");
        assertThat(log.text()).contains("Tagged the linked runtime's stage as " + cacheTag)
                .contains("docker rmi $(docker images -q slim-cache/jlink)");

        // The same stage built again without cache: the tag moves, and the old stage image would be left dangling.
        String rebuiltStage = "sha256:" + "6".repeat(64);
        buildsLinkedImage(rebuiltStage, image);
        new SlimImageBuilder(daemon.connector()).build(request, log);

        assertThat(daemon.inspect(cacheTag).orElseThrow().id()).isEqualTo(rebuiltStage);
        assertThat(daemon.removedImages).containsExactly(stage);
    }

    @Test
    void theLinkedRuntimesCdsArchiveIsMeasuredOnceForEachLinkedRuntime() throws Exception {
        BuildRequest request = jlinkRequest(false);
        daemon.files.put("/opt/java/lib/server/classes.jsa", 13_565_952L);
        daemon.files.put("/opt/java/lib/server/classes_nocoops.jsa", 12_398_592L);
        String image = "sha256:" + "b".repeat(64);
        buildsLinkedImage("sha256:" + "5".repeat(64), image);

        BuildOutcome first = new SlimImageBuilder(daemon.connector()).build(request, log);
        BuildOutcome again = new SlimImageBuilder(daemon.connector()).build(forced(request), log);
        buildsLinkedImage("sha256:" + "6".repeat(64), image);
        daemon.files.remove("/opt/java/lib/server/classes_nocoops.jsa");
        BuildOutcome relinked = new SlimImageBuilder(daemon.connector()).build(forced(request), log);

        assertThat(first.report().orElseThrow().startup().runtimeCdsBytes()).isEqualTo(13_565_952L + 12_398_592L);
        assertThat(again.report().orElseThrow().startup().runtimeCdsBytes()).isEqualTo(13_565_952L + 12_398_592L);
        assertThat(relinked.report().orElseThrow().startup().runtimeCdsBytes()).isEqualTo(13_565_952L);
        assertThat(daemon.fileSizeReads).as("the same linked runtime is read once").containsExactly(image, image);
        assertThat(Files.readString(first.reportFile())).contains("\"runtimeCdsBytes\" : 13565952");
    }

    @Test
    void theCdsBytesTheJlinkStepPrintedNeedNoContainer() throws Exception {
        BuildRequest request = jlinkRequest(false);
        daemon.files.put("/opt/java/lib/server/classes.jsa", 13_565_952L);
        String stage = "sha256:" + "5".repeat(64);
        String image = "sha256:" + "b".repeat(64);
        daemon.buildBehaviour = (context, tags, output) -> {
            output.accept(" ---> Running in 0123456789ab");
            output.accept("slim: runtime CDS archives 25964544 bytes");
            daemon.images.put(stage, new dev.slimimage.docker.ImageInfo(stage, 90_000_000, List.of(), Map.of(), List.of(), List.of()));
            daemon.tagImage(image, 100_000_000, Map.of(RuntimeKind.RUNTIME_LABEL, "jlink"), tags);
            return new BuildResult(image, List.of(stage, image), List.of());
        };

        BuildOutcome outcome = new SlimImageBuilder(daemon.connector()).build(request, log);
        buildsLinkedImage(stage, image); // the same linked runtime, from the cache: nothing printed
        BuildOutcome again = new SlimImageBuilder(daemon.connector()).build(forced(request), log);

        assertThat(outcome.report().orElseThrow().startup().runtimeCdsBytes()).isEqualTo(25_964_544L);
        assertThat(again.report().orElseThrow().startup().runtimeCdsBytes()).isEqualTo(25_964_544L);
        assertThat(daemon.fileSizeReads).isEmpty();
        assertThat(log.lines()).contains("BUILD slim: runtime CDS archives 25964544 bytes");
    }

    @Test
    void aJreImageAsksNoFileSizes() throws Exception {
        buildsImage("sha256:" + "c".repeat(64));

        BuildOutcome outcome = new SlimImageBuilder(daemon.connector()).build(request(PullPolicy.MISSING), log);

        assertThat(outcome.report().orElseThrow().startup()).isNull();
        assertThat(daemon.fileSizeReads).isEmpty();
    }

    /** A jlink build on distroless, with or without the builder's cache. */
    private BuildRequest jlinkRequest(boolean noCache) {
        daemon.addImage(20_000_000, Map.of(), "gcr.io/distroless/cc-debian12");
        ImagePlan plan = new ImagePlan(app, RuntimeKind.JLINK, "eclipse-temurin:17-jdk", "gcr.io/distroless/cc-debian12", "65532",
                List.of(), List.of(), Map.of(), TIMESTAMP, ImagePlan.JlinkOptions.DEFAULTS);
        return new BuildRequest(plan, tmp.resolve("project/target/slim"), tmp.resolve("project/target/slim-cache"),
                "app:1", List.of(), PullPolicy.MISSING, noCache, Optional.empty());
    }

    /** A two-stage build whose first stage (the jlink stage) ends with the untagged image {@code stage}. */
    private void buildsLinkedImage(String stage, String image) {
        daemon.buildBehaviour = (context, tags, output) -> {
            daemon.images.put(stage, new dev.slimimage.docker.ImageInfo(stage, 90_000_000, List.of(), Map.of(), List.of(), List.of()));
            daemon.tagImage(image, 100_000_000, Map.of(RuntimeKind.RUNTIME_LABEL, "jlink"), tags);
            return new BuildResult(image, List.of(stage, image), List.of());
        };
    }
}
