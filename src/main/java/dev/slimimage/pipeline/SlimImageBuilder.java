package dev.slimimage.pipeline;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.Layer;
import dev.slimimage.docker.BuiltImage;
import dev.slimimage.docker.DockerDaemon;
import dev.slimimage.docker.DockerException;
import dev.slimimage.plan.PullPolicy;
import dev.slimimage.context.ContextArchive;
import dev.slimimage.context.ContextStager;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.dockerfile.DockerfileGenerator;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.RuntimeKind;
import dev.slimimage.modules.ModuleInputs;
import dev.slimimage.modules.ModuleResolver;
import dev.slimimage.modules.ModuleSet;
import dev.slimimage.report.ReportBuilder;
import dev.slimimage.report.SizeReport;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The whole main path without Maven: stage the context, make sure base images exist, build, measure. */
public final class SlimImageBuilder {

    /** A written build context. */
    public record StagedContext(ImagePlan plan, Dockerfile dockerfile, Optional<ModuleSet> modules, Path contextDirectory,
                                Path dockerfilePath) {

        /** The tar sent to the daemon; kept beside the context, whose files it packs. */
        public Path contextArchive() {
            return contextDirectory.resolve("context.tar");
        }
    }

    /**
     * Writes the layer directories, works out the modules of a linked runtime from them, then writes the Dockerfile.
     *
     * @param cacheDirectory where results worth keeping between builds live (the module analysis)
     */
    public StagedContext stage(ImagePlan plan, Path contextDirectory, Path cacheDirectory, Consumer<String> log) throws IOException {
        ContextStager stager = new ContextStager();
        stager.stageLayers(plan, contextDirectory);
        Optional<ModuleSet> modules = Optional.empty();
        if (plan.runtime() == RuntimeKind.JLINK) {
            modules = Optional.of(new ModuleResolver().resolve(moduleInputs(plan, contextDirectory), cacheDirectory, log));
        }
        Dockerfile dockerfile = new DockerfileGenerator().generate(plan, modules);
        Path dockerfilePath = stager.writeDockerfile(dockerfile, contextDirectory);
        return new StagedContext(plan, dockerfile, modules, contextDirectory, dockerfilePath);
    }

    /**
     * The module analysis reads the staged layers: the application's classes (and resources, for service files)
     * as roots; every jar and every other layer's class directory (a shaded jar's bundled classes) as class path.
     */
    static ModuleInputs moduleInputs(ImagePlan plan, Path contextDirectory) throws IOException {
        Path layersRoot = contextDirectory.resolve(DockerfileGenerator.LAYERS_DIRECTORY);
        String classRoot = plan.app().classRoot().substring(1);
        List<Path> appRoots = new ArrayList<>();
        List<Path> classPath = new ArrayList<>();
        for (Layer layer : plan.app().layers()) {
            Path layerClassRoot = layersRoot.resolve(layer.name()).resolve(classRoot);
            boolean isAppLayer = layer.name().equals(Layer.CLASSES) || layer.name().equals(Layer.RESOURCES);
            if (Files.isDirectory(layerClassRoot)) {
                (isAppLayer ? appRoots : classPath).add(layerClassRoot);
            }
            for (ImageFile file : layer.files()) {
                if (file.imagePath().endsWith(".jar") && !isAppLayer) {
                    classPath.add(layersRoot.resolve(layer.name()).resolve(file.imagePath().substring(1)));
                }
            }
        }
        String agent = plan.jvmFlags().stream().filter(f -> f.startsWith("-javaagent:")).findFirst()
                .map(f -> "a Java agent is loaded (" + f + ")").orElse(null);
        ImagePlan.JlinkOptions options = plan.jlink();
        return new ModuleInputs(plan.app().javaRelease(), appRoots, classPath, agent, options.locales(),
                options.addModules(), options.excludeModules());
    }

    /** Packs the staged context for the daemon. */
    private static void pack(StagedContext staged) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(staged.contextArchive()))) {
            new ContextArchive().write(staged.contextDirectory(), FileTime.from(staged.plan().fileTimestamp()), out);
        }
    }

    /**
     * Packs the staged context, builds it as {@code image} (plus {@code extraTags}) and measures it against the
     * naive single-stage image on the builder JDK.
     *
     * @throws IOException when the context cannot be packed
     */
    public SizeReport build(DockerDaemon daemon, StagedContext staged, String image, List<String> extraTags,
                            PullPolicy pull, boolean noCache, Consumer<String> info, Consumer<String> buildOutput)
            throws DockerException, IOException {
        ImagePlan plan = staged.plan();
        pack(staged);
        daemon.ensureImage(plan.runtimeImage(), pull, "runtime base image (runtimeImage)", info);
        boolean haveBuilder;
        if (plan.runtime() == RuntimeKind.JLINK) {
            daemon.ensureImage(plan.builderImage(), pull, "JDK image to link the runtime from (builderImage)", info);
            haveBuilder = true;
        } else {
            haveBuilder = ensureBaselineImage(daemon, plan.builderImage(), pull, info);
        }

        Set<String> tags = new LinkedHashSet<>();
        tags.add(image);
        tags.addAll(extraTags);
        StageImages stageImages = new StageImages();
        BuiltImage built = daemon.build(staged.contextArchive(), tags, noCache, stageImages.andThen(buildOutput));
        if (plan.runtime() == RuntimeKind.JLINK) {
            keepJlinkStage(daemon, staged, stageImages.lastImageBeforeFinalStage(), info);
        }

        OptionalLong builderBytes = haveBuilder
                ? daemon.inspect(plan.builderImage()).map(i -> OptionalLong.of(i.getSize())).orElse(OptionalLong.empty())
                : OptionalLong.empty();
        return new ReportBuilder().build(image, plan, staged.dockerfile(), staged.modules(), built, builderBytes,
                naiveFilesBytes(plan.app()));
    }

    static final String JLINK_CACHE_REPOSITORY = "slim-cache/jlink";

    /**
     * The classic builder leaves the jlink stage's image untagged, so it shows up as dangling and
     * {@code docker image prune} would drop the linked runtime that later builds reuse. A tag named after the
     * stage's content keeps it, and two projects with the same module set share it.
     */
    private static void keepJlinkStage(DockerDaemon daemon, StagedContext staged, String stageImageId, Consumer<String> info) {
        if (stageImageId == null) {
            return;
        }
        String stageText = staged.dockerfile().stages().get(0).baseImage() + "\n"
                + staged.dockerfile().stages().get(0).instructions().stream().map(i -> i.render()).reduce("", String::concat);
        String tag = HexFormat.of().formatHex(sha256(stageText)).substring(0, 16);
        try {
            daemon.tag(stageImageId, JLINK_CACHE_REPOSITORY, tag);
        } catch (DockerException e) {
            info.accept("Could not tag the jlink stage as " + JLINK_CACHE_REPOSITORY + ":" + tag + " (" + e.getMessage()
                    + "); docker image prune may remove it.");
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Follows the classic builder's output to find the image each stage ended with. */
    static final class StageImages implements Consumer<String> {
        private static final Pattern STEP = Pattern.compile("Step \\d+/\\d+ : FROM .*");
        private static final Pattern IMAGE = Pattern.compile("\\s*---> ([0-9a-f]{12,64})");
        private String lastImage;
        private String lastImageBeforeFinalStage;

        @Override
        public void accept(String line) {
            if (STEP.matcher(line).matches()) {
                lastImageBeforeFinalStage = lastImage;
            }
            var image = IMAGE.matcher(line);
            if (image.matches()) {
                lastImage = image.group(1);
            }
        }

        String lastImageBeforeFinalStage() {
            return lastImageBeforeFinalStage;
        }
    }

    /** The JDK image is only needed for the baseline while no stage builds on it; its absence must not fail the build. */
    private static boolean ensureBaselineImage(DockerDaemon daemon, String builderImage, PullPolicy pull, Consumer<String> info) {
        try {
            daemon.ensureImage(builderImage, pull, "JDK image (builderImage)", info);
            return true;
        } catch (DockerException e) {
            info.accept("No baseline: " + e.getMessage());
            return false;
        }
    }

    static long naiveFilesBytes(AppAnalysis app) {
        return app.naiveImageFiles().stream().mapToLong(SlimImageBuilder::size).sum();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
