package dev.slimimage.pipeline;

import dev.slimimage.docker.ImageIds;
import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.Layer;
import dev.slimimage.analysis.ServletContainer;
import dev.slimimage.context.ContextArchive;
import dev.slimimage.context.ContextStager;
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
import dev.slimimage.context.CompressedSize;
import dev.slimimage.report.PreviousReport;
import dev.slimimage.report.ReportBuilder;
import dev.slimimage.report.ReportFormatter;
import dev.slimimage.registry.CredentialException;
import dev.slimimage.registry.Credentials;
import dev.slimimage.registry.RegistryHost;
import dev.slimimage.report.SizeReport;
import java.io.FilterInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
    /** Compressed layer sizes by diff id: a layer is measured once, not on every build that reuses it. */
    static final String PUSHED_SIZES_FILE = "pushed-sizes.json";
    /** Layers of the application's own code; a jar there (Quarkus's app/) is the application's, not a library. */
    private static final Set<String> APPLICATION_LAYERS = Set.of(Layer.CLASSES, Layer.RESOURCES, Layer.APPLICATION);

    private final DockerConnector connector;

    public SlimImageBuilder(DockerConnector connector) {
        this.connector = connector;
    }

    /**
     * Builds the image the request describes. Before anything else the previous report is moved into the cache
     * directory (the next report compares its layers with it), so that a failed build never leaves a report that
     * describes an older image.
     *
     * @throws IOException when a file under the build directory cannot be written
     */
    public BuildOutcome build(BuildRequest request, BuildLog log) throws DockerException, IOException {
        Path reportFile = request.contextDirectory().resolve(REPORT_FILE);
        Path htmlFile = request.contextDirectory().resolve(HTML_FILE);
        Path previousReport = request.cacheDirectory().resolve(PREVIOUS_REPORT_FILE);
        if (Files.isRegularFile(reportFile)) {
            Files.createDirectories(request.cacheDirectory());
            Files.move(reportFile, previousReport, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(htmlFile);
        Path imageJsonFile = request.contextDirectory().resolve(ImageJson.FILE);
        Files.deleteIfExists(imageJsonFile);
        // Connect first: without a daemon there is nothing to stage for.
        try (DockerDaemon daemon = connector.connect(request.dockerHost())) {
            log.info(daemon.choice());
            StagedContext staged = stage(request.plan(), request.contextDirectory(), request.cacheDirectory(), log);
            log.staged(staged);
            SizeReport report = build(daemon, staged, request, PreviousReport.read(previousReport), log);
            ReportFormatter formatter = new ReportFormatter();
            try {
                formatter.writeJson(report, reportFile);
                formatter.writeHtml(report, htmlFile);
            } catch (IOException e) {
                throw new IOException("Could not write the report under " + request.contextDirectory() + " (" + e.getMessage()
                        + "): check the disk.", e);
            }
            writeImageJson(daemon, request, imageJsonFile);
            return new BuildOutcome(report, reportFile, htmlFile, staged);
        }
    }

    /**
     * Writes the layer directories, works out the modules of a linked runtime from them, then writes the Dockerfile.
     */
    public static StagedContext stage(ImagePlan plan, Path contextDirectory, Path cacheDirectory, BuildLog log) throws IOException {
        try {
            return writeContext(plan, contextDirectory, cacheDirectory, log);
        } catch (StagingException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("Could not write the build context under " + contextDirectory + " (" + e.getMessage()
                    + "): check that the directory is writable and the disk has space.", e);
        }
    }

    private static StagedContext writeContext(ImagePlan plan, Path contextDirectory, Path cacheDirectory, BuildLog log)
            throws IOException {
        ContextStager stager = new ContextStager();
        stager.stageLayers(plan, contextDirectory);
        Optional<ModuleSet> modules = Optional.empty();
        if (plan.runtime() == RuntimeKind.JLINK) {
            modules = Optional.of(new ModuleResolver().resolve(moduleInputs(plan, contextDirectory), cacheDirectory, log::info));
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

    private SizeReport build(DockerDaemon daemon, StagedContext staged, BuildRequest request, Optional<PreviousReport> lastBuild,
                             BuildLog log) throws DockerException, IOException {
        ImagePlan plan = staged.plan();
        DockerImages images = daemon.images();
        ImageInfo runtimeBase = ensureImage(daemon, plan.runtimeImage(), request, "runtime base image (runtimeImage)", log);
        if (plan.servletContainerImage().isPresent() && !plan.servletContainerImage().get().equals(plan.runtimeImage())) {
            ensureImage(daemon, plan.servletContainerImage().get(), request, "Tomcat image to copy the servlet container from "
                    + "(servletContainerImage)", log);
        }
        Optional<ImageInfo> builder;
        if (plan.runtime() == RuntimeKind.JLINK) {
            builder = Optional.of(ensureImage(daemon, plan.builderImage(), request,
                    "JDK image to link the runtime from (builderImage)", log));
        } else {
            builder = baselineImage(daemon, plan.builderImage(), request, log);
        }

        Set<String> tags = new LinkedHashSet<>();
        tags.add(request.image());
        tags.addAll(request.extraTags());
        Map<String, String> previousIds = new LinkedHashMap<>();
        for (String tag : tags) {
            images.inspect(tag).ifPresent(previous -> previousIds.put(tag, previous.id()));
        }
        log.info("Building " + request.image() + " on " + daemon.host());
        BuildResult result;
        Optional<TrainingOutput> training = plan.startupCache().map(cache -> new TrainingOutput(cache, log));
        try (ContextStream context = new ContextStream(staged)) {
            try {
                result = daemon.builds().build(context, tags, request.noCache(),
                        training.<java.util.function.Consumer<String>>map(t -> t).orElse(log::buildOutput));
            } catch (ImageBuildException e) {
                context.rethrowFailure();
                throw training.flatMap(t -> t.translate(e)).orElse(e);
            } catch (DockerException e) {
                context.rethrowFailure();
                throw e;
            }
        }
        training.ifPresent(t -> log.info(t.summary()));
        if (plan.runtime() == RuntimeKind.JLINK && result.stageImageIds().size() > 1) {
            keepJlinkStage(images, staged.dockerfile(), result.stageImageIds().get(0), log);
        }
        removeReplacedImages(images, previousIds, log);

        ImageInfo built = images.inspect(result.imageId()).orElseThrow(() -> new ImageNotAvailableException("The image "
                + request.image() + " disappeared from the daemon at " + daemon.host() + " right after it was built: another "
                + "client removed it; run the build again.", null));
        BuiltImage described = new BuiltImage(built.id(), built.sizeBytes(), images.history(built.id()), built.diffIds(),
                runtimeBase.diffIds(), daemon.engine());
        OptionalLong builderBytes = builder.map(b -> OptionalLong.of(b.sizeBytes())).orElse(OptionalLong.empty());
        ReportBuilder reports = new ReportBuilder().comparedWith(lastBuild).within(request.budget());
        long naiveBytes = naiveFilesBytes(plan.app());
        // The layers' diff ids come from the first pass; with them the compressed sizes are looked up or measured.
        SizeReport unmeasured = reports.build(request.image(), plan, staged.dockerfile(), staged.modules(), described, builderBytes,
                naiveBytes);
        Map<String, Long> pushed = pushedSizes(staged, unmeasured, request.cacheDirectory().resolve(PUSHED_SIZES_FILE), log);
        return reports.withPushedBytes(pushed).build(request.image(), plan, staged.dockerfile(), staged.modules(), described,
                builderBytes, naiveBytes);
    }

    /**
     * The compressed size of each staged layer, from its tar as the build context holds it. The base image and a
     * linked runtime are not measured: they are not on disk here, and exporting them from the daemon ({@code docker
     * save}) takes a minute for a JRE image. Sizes are kept by diff id, so an unchanged layer is measured once.
     */
    private static Map<String, Long> pushedSizes(StagedContext staged, SizeReport report, Path cacheFile, BuildLog log) {
        Map<String, Long> known = PushedSizeCache.read(cacheFile);
        Map<String, Long> byName = new LinkedHashMap<>();
        Map<String, Long> keep = new LinkedHashMap<>();
        Set<String> staging = staged.plan().app().layers().stream().map(Layer::name).collect(Collectors.toSet());
        for (SizeReport.LayerSize layer : report.layers()) {
            if (!staging.contains(layer.name())) {
                continue;
            }
            String diffId = layer.diffIds().size() == 1 ? layer.diffIds().get(0) : null;
            Long bytes = diffId == null ? null : known.get(diffId);
            if (bytes == null) {
                try {
                    bytes = CompressedSize.of(staged.contextDirectory().resolve(DockerfileGenerator.LAYERS_DIRECTORY).resolve(layer.name()),
                            FileTime.from(staged.plan().fileTimestamp()));
                } catch (IOException e) {
                    log.warn("Could not measure the compressed size of layer " + layer.name() + " (" + e.getMessage()
                            + "); the report shows it as not measured.");
                    continue;
                }
            }
            byName.put(layer.name(), bytes);
            if (diffId != null) {
                keep.put(diffId, bytes);
            }
        }
        PushedSizeCache.write(cacheFile, keep);
        return byName;
    }

    /**
     * The context tar, packed while the daemon reads it. docker-java reports a failed read as its own failure; the
     * stream keeps the real one (a staged file that vanished), which then is the error to report.
     */
    private static final class ContextStream extends FilterInputStream {
        private IOException failure;

        ContextStream(StagedContext staged) throws IOException {
            super(new ContextArchive().stream(staged.contextDirectory(), FileTime.from(staged.plan().fileTimestamp())));
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
        String tag = JLINK_CACHE_REPOSITORY + ":" + HexFormat.of().formatHex(sha256(stageText)).substring(0, 16);
        Optional<String> previous = images.inspect(tag).map(ImageInfo::id);
        if (previous.isPresent() && ImageIds.same(previous.get(), stageImageId)) {
            return;
        }
        images.tag(stageImageId, tag);
        log.info("Tagged the linked runtime's stage as " + tag + " so that later builds reuse it; "
                + "remove these cache tags with: docker rmi $(docker images -q " + JLINK_CACHE_REPOSITORY + ")");
        previous.ifPresent(images::removeIfUnused);
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

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
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

    /** image.json: the image, its tags and id, for the next CI step (push adds the digests). */
    private static void writeImageJson(DockerDaemon daemon, BuildRequest request, Path file) throws DockerException, IOException {
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(concat(request.image(), request.extraTags())));
        String id = daemon.images().inspect(request.image()).map(ImageInfo::id).orElseThrow(() -> new ImageNotAvailableException(
                "The image " + request.image() + " disappeared from the daemon at " + daemon.host() + " right after it was built: "
                + "another client removed it; run the build again.", null));
        new ImageJson(request.image(), tags, id, Map.of()).write(file);
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
