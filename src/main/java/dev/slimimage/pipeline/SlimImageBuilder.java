package dev.slimimage.pipeline;

import dev.slimimage.docker.ImageIds;
import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.Layer;
import dev.slimimage.analysis.ServletContainer;
import dev.slimimage.context.ContextArchive;
import dev.slimimage.context.ContextStager;
import dev.slimimage.context.FileDigests;
import dev.slimimage.context.StagingException;
import dev.slimimage.docker.BuildResult;
import dev.slimimage.docker.BuiltImage;
import dev.slimimage.docker.DockerConnector;
import dev.slimimage.docker.DockerDaemon;
import dev.slimimage.docker.DockerException;
import dev.slimimage.docker.DockerImages;
import dev.slimimage.docker.ImageBuildException;
import dev.slimimage.docker.ImageInfo;
import dev.slimimage.docker.ImageNotAvailableException;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.dockerfile.DockerfileGenerator;
import dev.slimimage.dockerfile.Instruction;
import dev.slimimage.modules.ModuleInputs;
import dev.slimimage.modules.ModuleResolver;
import dev.slimimage.modules.ModuleSet;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.PullPolicy;
import dev.slimimage.plan.RuntimeKind;
import dev.slimimage.report.PreviousReport;
import dev.slimimage.report.ReportBuilder;
import dev.slimimage.report.ReportFormatter;
import dev.slimimage.registry.CredentialException;
import dev.slimimage.registry.Credentials;
import dev.slimimage.registry.RegistryHost;
import dev.slimimage.report.SizeReport;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one entry point of an image build, without Maven: stage the context, make sure the base images exist, build,
 * keep the jlink stage as cache, measure and write the report.
 */
public final class SlimImageBuilder {

    /** Where the linked runtime's stage is kept; {@code docker images slim-cache/jlink} lists them. */
    public static final String JLINK_CACHE_REPOSITORY = "slim-cache/jlink";
    static final String REPORT_FILE = "report.json";
    static final String HTML_FILE = "report.html";
    /** The last successful build's report.json, kept in the cache directory to compare the next build's layers with. */
    static final String PREVIOUS_REPORT_FILE = "previous-report.json";
    /** Layers of the application's own code; a jar there (Quarkus's app/) is the application's, not a library. */
    private static final Set<String> APPLICATION_LAYERS = Set.of(Layer.CLASSES, Layer.RESOURCES, Layer.APPLICATION);

    private final DockerConnector connector;

    public SlimImageBuilder(DockerConnector connector) {
        this.connector = connector;
    }

    /**
     * Builds the image the request describes, unless it is up to date: the last successful build had the same inputs
     * ({@link BuildInputs}: the plan, every file of the image, the base images' ids, the parameters) and its image still
     * carries all of this build's tags. Otherwise, before anything else, the previous report is moved into the cache
     * directory (the next report compares its layers with it), so that a failed build never leaves a report that
     * describes an older image.
     *
     * @throws IOException when a file under the build directory cannot be written
     */
    public BuildOutcome build(BuildRequest request, BuildLog log) throws DockerException, IOException {
        Path reportFile = request.contextDirectory().resolve(REPORT_FILE);
        Path htmlFile = request.contextDirectory().resolve(HTML_FILE);
        DockerDaemon daemon;
        try {
            daemon = connector.connect(request.dockerHost());
        } catch (DockerException e) {
            retireReports(request);
            throw e;
        }
        try (daemon) {
            log.info(daemon.choice());
            BaseImages bases;
            Optional<BuildInputs.Fingerprint> fingerprint;
            Optional<LastBuild> last = LastBuild.read(request.cacheDirectory());
            // One view of the files' digests for the fingerprint, the staging and the module analysis, written once.
            Path digestsFile = request.cacheDirectory().resolve(FileDigests.CACHE_FILE);
            FileDigests digests = FileDigests.read(digestsFile);
            try {
                bases = baseImages(daemon, request, log);
                fingerprint = inputsFingerprint(daemon, request, bases, digests);
                if (!everyStep(request) && fingerprint.isPresent()
                        && upToDate(daemon, request, fingerprint.get().whole(), last, log)) {
                    digests.write(digestsFile);
                    return BuildOutcome.upToDate(reportFile, htmlFile);
                }
            } catch (DockerException | IOException e) {
                retireReports(request);
                throw e;
            }
            Optional<PreviousReport> lastBuild = retireReports(request);
            StagedContext staged = stage(request.plan(), request.contextDirectory(), request.cacheDirectory(), digests, log);
            digests.write(digestsFile);
            log.staged(staged);
            Optional<StepReuse> reuse = everyStep(request) ? Optional.empty() : fingerprint.flatMap(now -> last
                    .flatMap(LastBuild::reusableSteps).flatMap(steps -> StepReuse.of(staged.dockerfile(), now, steps)));
            Built built = build(daemon, staged, request, bases, lastBuild, reuse, fingerprint, log);
            SizeReport report = built.report();
            ReportFormatter formatter = new ReportFormatter();
            try {
                formatter.writeJson(report, reportFile);
                formatter.writeHtml(report, htmlFile);
            } catch (IOException e) {
                throw new IOException("Could not write the report under " + request.contextDirectory() + " (" + e.getMessage()
                        + "): check the disk.", e);
            }
            List<String> tags = writeImageJson(daemon, request, request.contextDirectory().resolve(ImageJson.FILE));
            boolean withinBudget = report.budget() == null || report.budget().exceeded() == null;
            if (fingerprint.isPresent() && withinBudget) {
                new LastBuild(fingerprint.get().whole(), built.imageId(), tags,
                        StepReuse.record(staged.dockerfile(), fingerprint.get(), built.result()).orElse(null))
                        .write(request.cacheDirectory());
            }
            return new BuildOutcome(report, reportFile, htmlFile, staged);
        }
    }

    /** Whether the user asked to build every step: {@code force} (even when up to date) or {@code noCache}. */
    private static boolean everyStep(BuildRequest request) {
        return request.force() || request.noCache();
    }

    /**
     * Moves report.json into the cache directory and removes the page, image.json and the record of the last build:
     * from here on they would describe an image this build replaces. Returns the report moved.
     */
    private static Optional<PreviousReport> retireReports(BuildRequest request) throws IOException {
        Path reportFile = request.contextDirectory().resolve(REPORT_FILE);
        Path previousReport = request.cacheDirectory().resolve(PREVIOUS_REPORT_FILE);
        LastBuild.remove(request.cacheDirectory());
        if (Files.isRegularFile(reportFile)) {
            Files.createDirectories(request.cacheDirectory());
            Files.move(reportFile, previousReport, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(request.contextDirectory().resolve(HTML_FILE));
        Files.deleteIfExists(request.contextDirectory().resolve(ImageJson.FILE));
        return PreviousReport.read(previousReport);
    }

    /** The images the build starts from (pulled as the policy says) and the JDK image the baseline is measured on. */
    private record BaseImages(ImageInfo runtime, Optional<ImageInfo> servletContainer, Optional<ImageInfo> builder) {

        Map<String, String> ids(ImagePlan plan) {
            Map<String, String> ids = new LinkedHashMap<>();
            ids.put("runtime " + plan.runtimeImage(), runtime.id());
            ids.put("servlet " + plan.servletContainerImage().orElse(""), servletContainer.map(ImageInfo::id).orElse("none"));
            ids.put("builder " + plan.builderImage(), builder.map(ImageInfo::id).orElse("none"));
            return ids;
        }
    }

    private static BaseImages baseImages(DockerDaemon daemon, BuildRequest request, BuildLog log) throws DockerException {
        ImagePlan plan = request.plan();
        ImageInfo runtimeBase = ensureImage(daemon, plan.runtimeImage(), request, "runtime base image (runtimeImage)", log);
        Optional<ImageInfo> servletContainer = Optional.empty();
        if (plan.servletContainerImage().isPresent() && !plan.servletContainerImage().get().equals(plan.runtimeImage())) {
            servletContainer = Optional.of(ensureImage(daemon, plan.servletContainerImage().get(), request,
                    "Tomcat image to copy the servlet container from (servletContainerImage)", log));
        }
        Optional<ImageInfo> builder;
        if (plan.runtime() == RuntimeKind.JLINK) {
            builder = Optional.of(ensureImage(daemon, plan.builderImage(), request,
                    "JDK image to link the runtime from (builderImage)", log));
        } else {
            builder = baselineImage(daemon, plan.builderImage(), request, log);
        }
        return new BaseImages(runtimeBase, servletContainer, builder);
    }

    /**
     * The fingerprint of this build's inputs; empty when they cannot be fingerprinted. A forced build or one without cache
     * builds every step, but its record still lets the next build be up to date or reuse its steps.
     */
    private static Optional<BuildInputs.Fingerprint> inputsFingerprint(DockerDaemon daemon, BuildRequest request, BaseImages bases,
                                                                     FileDigests digests) throws IOException {
        try {
            return BuildInputs.fingerprint(request, daemon.host(), bases.ids(request.plan()), digests);
        } catch (StagingException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("Could not read the build's inputs (" + e.getMessage() + "): check that the project's files "
                    + "are readable.", e);
        }
    }

    /**
     * Whether the last successful build had these inputs and its image, report, page and image.json are all still there:
     * then it says so. A removed or retagged image is built again.
     */
    private static boolean upToDate(DockerDaemon daemon, BuildRequest request, String fingerprint, Optional<LastBuild> last,
                                    BuildLog log) throws DockerException {
        if (last.isEmpty() || !last.get().fingerprint().equals(fingerprint)) {
            return false;
        }
        Path context = request.contextDirectory();
        if (!Files.isRegularFile(context.resolve(REPORT_FILE)) || !Files.isRegularFile(context.resolve(HTML_FILE))) {
            return false;
        }
        try {
            if (!ImageIds.same(ImageJson.read(context.resolve(ImageJson.FILE)).imageId(), last.get().imageId())) {
                return false;
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        String imageId = last.get().imageId();
        for (String tag : concat(request.image(), request.extraTags())) {
            Optional<ImageInfo> tagged = daemon.images().inspect(tag);
            if (tagged.isEmpty() || !ImageIds.same(tagged.get().id(), imageId)) {
                log.info("Nothing the image is built from changed, but " + tag + (tagged.isEmpty() ? " is no longer on the daemon"
                        : " names another image now (" + ImageIds.shortId(tagged.get().id()) + ")") + ": building it again.");
                return false;
            }
        }
        log.info("Image " + request.image() + " is up to date (" + ImageIds.shortId(imageId) + "): nothing it is built from "
                + "changed since the last build, so its report stays as it was.");
        return true;
    }

    /**
     * Writes the layer directories, works out the modules of a linked runtime from them, then writes the Dockerfile.
     */
    public static StagedContext stage(ImagePlan plan, Path contextDirectory, Path cacheDirectory, BuildLog log) throws IOException {
        Path digestsFile = cacheDirectory.resolve(FileDigests.CACHE_FILE);
        FileDigests digests = FileDigests.read(digestsFile);
        StagedContext staged = stage(plan, contextDirectory, cacheDirectory, digests, log);
        digests.write(digestsFile);
        return staged;
    }

    private static StagedContext stage(ImagePlan plan, Path contextDirectory, Path cacheDirectory, FileDigests digests, BuildLog log)
            throws IOException {
        try {
            return writeContext(plan, contextDirectory, cacheDirectory, digests, log);
        } catch (StagingException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("Could not write the build context under " + contextDirectory + " (" + e.getMessage()
                    + "): check that the directory is writable and the disk has space.", e);
        }
    }

    private static StagedContext writeContext(ImagePlan plan, Path contextDirectory, Path cacheDirectory, FileDigests digests,
                                              BuildLog log) throws IOException {
        ContextStager stager = new ContextStager();
        stager.stageLayers(plan, contextDirectory, Optional.of(cacheDirectory), digests);
        Optional<ModuleSet> modules = Optional.empty();
        if (plan.runtime() == RuntimeKind.JLINK) {
            modules = Optional.of(new ModuleResolver().resolve(moduleInputs(plan, contextDirectory), cacheDirectory, digests::sha256,
                    log::info));
        }
        Dockerfile dockerfile = new DockerfileGenerator().generate(plan, modules);
        Path dockerfilePath = stager.writeDockerfile(dockerfile, contextDirectory);
        return new StagedContext(plan, dockerfile, modules, contextDirectory, dockerfilePath);
    }

    /**
     * The module analysis reads the staged layers: the application's classes (and resources, for service files)
     * as roots; every jar and every other layer's class directory as class path; a shaded jar's bundled libraries, as
     * the jar they are packed into, apart (they are scanned, not given to jdeps).
     */
    static ModuleInputs moduleInputs(ImagePlan plan, Path contextDirectory) {
        Path layersRoot = contextDirectory.resolve(DockerfileGenerator.LAYERS_DIRECTORY);
        String classRoot = plan.app().classRoot().substring(1);
        List<Path> appRoots = new ArrayList<>();
        List<Path> classPath = new ArrayList<>();
        List<ModuleInputs.BundledJar> bundled = new ArrayList<>();
        for (Layer layer : plan.app().layers()) {
            Path layerClassRoot = layersRoot.resolve(layer.name()).resolve(classRoot);
            boolean isAppLayer = APPLICATION_LAYERS.contains(layer.name());
            if (Files.isDirectory(layerClassRoot)) {
                (isAppLayer ? appRoots : classPath).add(layerClassRoot);
            }
            for (ImageFile file : layer.files()) {
                Path staged = layersRoot.resolve(layer.name()).resolve(file.imagePath().substring(1));
                if (file.source() instanceof FileSource.JarSubset subset) {
                    bundled.add(new ModuleInputs.BundledJar(staged, subset.libraryByPackage()));
                } else if (file.source() instanceof FileSource.LauncherAgentJar) {
                    // The plugin's own: what it needs (java.instrument) comes with the manifest's modules.
                    continue;
                } else if (file.imagePath().endsWith(".jar") && !isAppLayer) {
                    classPath.add(staged);
                } else if (file.imagePath().endsWith(".jar") && (layer.name().equals(Layer.APPLICATION)
                        || file.source() instanceof FileSource.Packed)) {
                    appRoots.add(staged);
                }
            }
        }
        String agent = plan.jvmFlags().stream().filter(f -> f.startsWith("-javaagent:")).findFirst()
                .map(f -> "a Java agent is loaded (" + f + ")").orElse(null);
        ImagePlan.JlinkOptions options = plan.jlink();
        // Tomcat's jars are in the container image, out of the analysis' reach: what they need is known instead.
        Map<String, String> launchModules = new java.util.TreeMap<>(plan.app().launchManifest().modules());
        if (plan.servletContainerImage().isPresent()) {
            ServletContainer.MODULES.forEach(launchModules::putIfAbsent);
        }
        return new ModuleInputs(plan.app().javaRelease(), appRoots, classPath, agent, options.locales(),
                options.addModules(), options.excludeModules(), launchModules, bundled);
    }

    /** The report of a build, the id of the image it built and what the daemon said of its stages and steps. */
    private record Built(SizeReport report, String imageId, BuildResult result) {}

    private Built build(DockerDaemon daemon, StagedContext staged, BuildRequest request, BaseImages bases,
                        Optional<PreviousReport> lastBuild, Optional<StepReuse> reuse,
                        Optional<BuildInputs.Fingerprint> fingerprint, BuildLog log) throws DockerException, IOException {
        ImagePlan plan = staged.plan();
        try (LayerSizes layerSizes = LayerSizes.start(plan.app().layers(),
                staged.contextDirectory().resolve(DockerfileGenerator.LAYERS_DIRECTORY), FileTime.from(plan.fileTimestamp()),
                fingerprint, request.cacheDirectory().resolve(LayerSizes.FILE))) {
            return build(daemon, staged, request, bases, lastBuild, reuse, layerSizes, log);
        }
    }

    private Built build(DockerDaemon daemon, StagedContext staged, BuildRequest request, BaseImages bases,
                        Optional<PreviousReport> lastBuild, Optional<StepReuse> reuse, LayerSizes layerSizes, BuildLog log)
            throws DockerException, IOException {
        ImagePlan plan = staged.plan();
        DockerImages images = daemon.images();
        ImageInfo runtimeBase = bases.runtime();
        Optional<ImageInfo> builder = bases.builder();

        Set<String> tags = new LinkedHashSet<>();
        tags.add(request.image());
        tags.addAll(request.extraTags());
        Map<String, String> previousIds = new LinkedHashMap<>();
        for (String tag : tags) {
            images.inspect(tag).ifPresent(previous -> previousIds.put(tag, previous.id()));
        }
        log.info("Building " + request.image() + " on " + daemon.host());
        FileTime timestamp = FileTime.from(plan.fileTimestamp());
        Optional<String> reuseFrom = reuse.isPresent() ? reusableImage(images, reuse.get(), staged.dockerfile(), log)
                : Optional.empty();
        BuildResult result;
        Optional<TrainingOutput> training = plan.startupCache().map(cache -> new TrainingOutput(cache, log));
        RuntimeCdsSize.PrintedBytes printedCdsBytes = new RuntimeCdsSize.PrintedBytes(
                training.<java.util.function.Consumer<String>>map(t -> t).orElse(log::buildOutput));
        try (ContextStream context = new ContextStream(reuseFrom.isPresent()
                ? new ContextArchive().stream(staged.contextDirectory(), reuse.get().dockerfile(reuseFrom.get()),
                        reuse.get().layerDirectories(), timestamp)
                : new ContextArchive().stream(staged.contextDirectory(), timestamp))) {
            try {
                result = daemon.builds().build(context, tags, request.noCache(), printedCdsBytes);
            } catch (ImageBuildException e) {
                context.rethrowFailure();
                throw training.flatMap(t -> t.translate(e)).orElse(e);
            } catch (DockerException e) {
                context.rethrowFailure();
                throw e;
            }
        }
        training.ifPresent(t -> log.info(t.summary()));
        if (reuseFrom.isPresent()) {
            result = reuse.get().completed(result);
        } else if (plan.runtime() == RuntimeKind.JLINK && result.stageImageIds().size() > 1) {
            keepJlinkStage(images, staged.dockerfile(), result.stageImageIds().get(0), log);
        }
        removeReplacedImages(images, previousIds, log);
        Long runtimeCdsBytes = plan.runtime() == RuntimeKind.JLINK
                ? RuntimeCdsSize.of(daemon, result, printedCdsBytes.bytes(), request.cacheDirectory().resolve(RuntimeCdsSize.FILE), log)
                : null;

        ImageInfo built = images.inspect(result.imageId()).orElseThrow(() -> new ImageNotAvailableException("The image "
                + request.image() + " disappeared from the daemon at " + daemon.host() + " right after it was built: another "
                + "client removed it; run the build again.", null));
        BuiltImage described = new BuiltImage(built.id(), built.sizeBytes(), images.history(built.id()), built.diffIds(),
                runtimeBase.diffIds(), daemon.engine());
        OptionalLong builderBytes = builder.map(b -> OptionalLong.of(b.sizeBytes())).orElse(OptionalLong.empty());
        ReportBuilder reports = new ReportBuilder().comparedWith(lastBuild).within(request.budget())
                .withRuntimeCdsBytes(runtimeCdsBytes);
        long naiveBytes = naiveFilesBytes(plan.app());
        // The layers' compressed sizes were measured while the daemon built.
        return new Built(reports.withPushedBytes(layerSizes.all(log)).build(request.image(), plan, staged.dockerfile(),
                staged.modules(), described, builderBytes, naiveBytes), built.id(), result);
    }

    /**
     * The context tar, packed while the daemon reads it. docker-java reports a failed read as its own failure; the
     * stream keeps the real one (a staged file that vanished), which then is the error to report.
     */
    private static final class ContextStream extends FilterInputStream {
        private IOException failure;

        ContextStream(InputStream tar) {
            super(tar);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        void rethrowFailure() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Makes sure {@code image} is on the daemon according to {@code policy}.
     *
     * @param purpose what the image is for and which parameter chooses it, for the error message
     */
    private static ImageInfo ensureImage(DockerDaemon daemon, String image, BuildRequest request, String purpose, BuildLog log)
            throws DockerException {
        PullPolicy policy = request.pull();
        Optional<ImageInfo> present = daemon.images().inspect(image);
        if (present.isPresent() && policy != PullPolicy.ALWAYS) {
            return present.get();
        }
        if (policy == PullPolicy.NEVER) {
            throw new ImageNotAvailableException("The " + purpose + " '" + image + "' is not on the Docker daemon at " + daemon.host()
                    + " and pull=never forbids pulling it: load it with docker pull or docker load, or allow pulling with "
                    + "-Dslim.pull=missing.", null);
        }
        String registry = RegistryHost.of(image);
        Optional<Credentials> credentials;
        try {
            credentials = request.credentials().find(registry);
        } catch (CredentialException e) {
            throw new ImageNotAvailableException(e.getMessage(), null);
        }
        log.info("Pulling " + image + credentials.map(c -> " with the credentials for " + registry + " from " + c.source()).orElse(""));
        try {
            daemon.images().pull(image, credentials, line -> log.info("  " + line));
        } catch (ImageNotAvailableException e) {
            if (present.isPresent()) {
                throw new ImageNotAvailableException("pull=always could not pull the " + purpose + " '" + image + "' ("
                        + e.getMessage() + ") although the daemon at " + daemon.host() + " has a copy: build with that copy "
                        + "using -Dslim.pull=missing, or make the registry reachable.", e);
            }
            throw new ImageNotAvailableException("The " + purpose + " '" + image + "' is not on the Docker daemon at " + daemon.host()
                    + " and could not be pulled (" + e.getMessage() + "): " + pullFix(e.getMessage(), registry, credentials), e);
        }
        return daemon.images().inspect(image).orElseThrow(() -> new ImageNotAvailableException("The " + purpose + " '" + image
                + "' was pulled but is not on the daemon at " + daemon.host() + ": another client removed it; run the build again.",
                null));
    }

    /** The JDK image is only needed for the baseline while no stage builds on it; its absence must not fail the build. */
    private static Optional<ImageInfo> baselineImage(DockerDaemon daemon, String builderImage, BuildRequest request, BuildLog log)
            throws DockerException {
        try {
            return Optional.of(ensureImage(daemon, builderImage, request, "JDK image (builderImage)", log));
        } catch (ImageNotAvailableException e) {
            log.info("No baseline: " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The classic builder leaves the jlink stage's image untagged, so it would be dangling and
     * {@code docker image prune} would drop the linked runtime that later builds reuse. A tag named after the
     * stage's content keeps it, and two projects with the same module set share it. When the tag moves (a build
     * without cache, two parallel builds of the same stage), the image it pointed at is removed unless something
     * else still uses it: it was ours, and nothing else would ever remove it.
     */
    private static void keepJlinkStage(DockerImages images, Dockerfile dockerfile, String stageImageId, BuildLog log)
            throws DockerException {
        String stageText = dockerfile.stages().get(0).baseImage() + "\n"
                + dockerfile.stages().get(0).instructions().stream().map(Instruction::render).collect(Collectors.joining());
        String tag = JLINK_CACHE_REPOSITORY + ":" + BuildInputs.sha256Hex(stageText).substring(0, 16);
        Optional<String> previous = images.inspect(tag).map(ImageInfo::id);
        if (previous.isPresent() && ImageIds.same(previous.get(), stageImageId)) {
            return;
        }
        images.tag(stageImageId, tag);
        log.info("Tagged the linked runtime's stage as " + tag + " so that later builds reuse it; "
                + "remove these cache tags with: docker rmi $(docker images -q " + JLINK_CACHE_REPOSITORY + ")");
        previous.ifPresent(images::removeIfUnused);
    }

    /**
     * The full id of the last build's step image this build starts from, or empty (with the reason in the log) when it is
     * no longer on the daemon: then everything is built.
     */
    private static Optional<String> reusableImage(DockerImages images, StepReuse reuse, Dockerfile dockerfile, BuildLog log)
            throws DockerException {
        Optional<ImageInfo> from = images.inspect(reuse.fromImage());
        int steps = dockerfile.finalStage().instructions().size();
        if (from.isEmpty() || !ImageIds.same(from.get().id(), reuse.fromImage())) {
            log.info("The last build's image before `" + reuse.remainingSteps().get(0).render().lines().findFirst().orElse("")
                    + "` (" + reuse.fromImage() + ") is no longer on the daemon: building every step.");
            return Optional.empty();
        }
        log.info("Layer " + reuse.remainingSteps().get(0).layer() + " changed, and nothing before it: the build starts from the "
                + "last build's image after its first " + reuse.firstStep() + " of " + steps + " steps ("
                + ImageIds.shortId(from.get().id()) + ") and sends only " + reuse.layerDirectories().stream()
                .map(d -> d.substring(d.lastIndexOf('/') + 1)).collect(Collectors.joining(", ")) + ".");
        return Optional.of(from.get().id());
    }

    /** The previous image of a moved tag, if it was ours (built by this plugin) and nothing else names or uses it. */
    private static void removeReplacedImages(DockerImages images, Map<String, String> previousIds, BuildLog log)
            throws DockerException {
        for (String previousId : new LinkedHashSet<>(previousIds.values())) {
            Optional<ImageInfo> previous = images.inspect(previousId);
            if (previous.isPresent() && previous.get().repoTags().isEmpty()
                    && previous.get().labels().containsKey(RuntimeKind.RUNTIME_LABEL) && images.removeIfUnused(previousId)) {
                log.info("Removed " + ImageIds.shortId(previousId) + ", the image these tags named before this build.");
            }
        }
    }

    /** The fix for a failed pull: credentials when the registry asked for them, else making the image available. */
    static String pullFix(String reason, String registry, Optional<Credentials> credentials) {
        String lower = reason == null ? "" : reason.toLowerCase(java.util.Locale.ROOT);
        boolean auth = lower.contains("no basic auth credentials") || lower.contains("unauthorized")
                || lower.contains("authentication required");
        if (auth && credentials.isPresent()) {
            return "the registry did not accept the credentials from " + credentials.get().source() + "; fix them there.";
        }
        if (auth) {
            return "give credentials for " + registry + " with -Dslim.registry.username=… -Dslim.registry.password=…, a <server> "
                    + "with id " + registry + " in settings.xml, or docker login " + registry + ".";
        }
        return "make it available with docker pull or docker load, or choose another image.";
    }

    /** image.json: the image, its tags and id, for the next CI step (push adds the digests); returns the tags. */
    private static List<String> writeImageJson(DockerDaemon daemon, BuildRequest request, Path file) throws DockerException, IOException {
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(concat(request.image(), request.extraTags())));
        String id = daemon.images().inspect(request.image()).map(ImageInfo::id).orElseThrow(() -> new ImageNotAvailableException(
                "The image " + request.image() + " disappeared from the daemon at " + daemon.host() + " right after it was built: "
                + "another client removed it; run the build again.", null));
        new ImageJson(request.image(), tags, id, Map.of()).write(file);
        return tags;
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    static long naiveFilesBytes(AppAnalysis app) throws IOException {
        long total = 0;
        for (Path file : app.naiveImageFiles()) {
            total += Files.size(file);
        }
        return total;
    }
}
