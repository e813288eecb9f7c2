package dev.slimimage.dockerfile;

import dev.slimimage.plan.ImageJavaRelease;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.RuntimeKind;
import dev.slimimage.plan.StartupCache;

import dev.slimimage.analysis.Layer;
import dev.slimimage.analysis.ServletContainer;
import dev.slimimage.modules.ModuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Turns an {@link ImagePlan} into the Dockerfile that builds it. */
public final class DockerfileGenerator {

    public static final String LAYERS_DIRECTORY = "layers";
    public static final String JAVA_RUNTIME_LAYER = "java-runtime";
    static final String JLINK_STAGE = "jlink";
    static final String SERVLET_CONTAINER_STAGE = "servlet-container";
    public static final String SERVLET_CONTAINER_LAYER = "servlet-container";
    /** The context directory of Tomcat's writable directories: empty ones, copied owned by the image's user. */
    public static final String WRITABLE_LAYER = "servlet-container-writable";
    /** The context directory of the directories Tomcat would create at start, owned by root. */
    public static final String CONFIG_LAYER = "servlet-container-config";
    public static final String LINKED_RUNTIME = "/opt/java";
    private static final String JLINK_OUTPUT = "/opt/slim-java";
    /**
     * How the jlink step starts the line that tells the bytes of the linked runtime's CDS archives, so that the report
     * need not open a container of the image to measure them.
     */
    public static final String CDS_BYTES_LINE = "slim: runtime CDS archives ";
    static final String GENERATE_CDS_ARCHIVE = "--generate-cds-archive";
    /** The first JDK whose jlink has {@value #GENERATE_CDS_ARCHIVE}. */
    static final int FIRST_CDS_ARCHIVE_JDK = 17;
    /**
     * The container's working directory, owned by the runtime user: apps write relative paths ({@code ./data},
     * an H2 {@code jdbc:h2:./target/db}) there, while the code under /app stays root's and read-only to them.
     */
    public static final String WORKING_DIRECTORY = "/work";
    /** The context directory (under {@value #LAYERS_DIRECTORY}) that holds the empty working directory, and its layer name. */
    public static final String WORKING_DIRECTORY_LAYER = "workdir";
    /** The stage that runs the application once to train its startup cache. */
    public static final String TRAINING_STAGE = "training";
    /** With a startup cache: the image without the archive, which the training stage and the image build on. */
    public static final String APPLICATION_STAGE = "application";
    /**
     * The context directory of the training stage's output directory ({@value StartupCache#DIRECTORY}, empty, owned by
     * the user so the training run can write there); the image itself only gets the archive.
     */
    public static final String TRAINING_DIRECTORY_LAYER = "startup-training";

    /**
     * @param modules the modules to link; required when the plan's runtime is {@link RuntimeKind#JLINK}
     */
    public Dockerfile generate(ImagePlan plan, Optional<ModuleSet> modules) {
        List<Stage> stages = new ArrayList<>();
        // What the application runs on and with; with a startup cache, the stage the training run and the image share.
        List<Instruction> runtime = new ArrayList<>();
        String java = "java";
        if (plan.runtime() == RuntimeKind.JLINK) {
            ModuleSet set = modules.orElseThrow(() -> new IllegalArgumentException("a jlink runtime needs its module set"));
            stages.add(new Stage(JLINK_STAGE, plan.builderImage(), List.of(new Instruction.Run(jlinkScript(plan, set)))));
            runtime.add(new Instruction.CopyFromStage(JAVA_RUNTIME_LAYER, JLINK_STAGE, JLINK_OUTPUT, LINKED_RUNTIME));
            runtime.add(new Instruction.Env("JAVA_HOME", LINKED_RUNTIME));
            java = LINKED_RUNTIME + "/bin/java";
        }
        String workdir = WORKING_DIRECTORY;
        if (plan.servletContainerImage().isPresent()) {
            String container = plan.servletContainerImage().get();
            if (!container.equals(plan.runtimeImage())) {
                // Tomcat is plain Java: its directory runs on any runtime that has the modules it needs.
                stages.add(new Stage(SERVLET_CONTAINER_STAGE, container, List.of()));
                runtime.add(new Instruction.CopyFromStage(SERVLET_CONTAINER_LAYER, SERVLET_CONTAINER_STAGE, ServletContainer.HOME,
                        ServletContainer.HOME));
            }
            // Owned by the user, so Tomcat can write its logs and compiled JSPs whatever the image allowed; the
            // web application itself stays root's and read-only. Tomcat's home is the working directory.
            runtime.add(new Instruction.CopyOwnedInto(WRITABLE_LAYER, LAYERS_DIRECTORY + "/" + WRITABLE_LAYER,
                    ServletContainer.HOME, plan.user()));
            runtime.add(new Instruction.CopyLayer(CONFIG_LAYER, LAYERS_DIRECTORY + "/" + CONFIG_LAYER));
            workdir = ServletContainer.HOME;
        } else {
            // Before the application's layers: it never changes with them, so it always comes from the builder's cache.
            runtime.add(new Instruction.CopyOwned(WORKING_DIRECTORY_LAYER, LAYERS_DIRECTORY + "/" + WORKING_DIRECTORY_LAYER,
                    plan.user()));
        }
        Optional<StartupCache> cache = plan.startupCache();
        // The settings an edit never changes come before the application's layers: the classic builder makes an
        // intermediate container for each of them, and after a one-class change they all come from its cache.
        runtime.add(new Instruction.Workdir(workdir));
        plan.ports().forEach(port -> runtime.add(new Instruction.Expose(port)));
        runtime.add(new Instruction.User(plan.user()));
        List<String> argv = new ArrayList<>();
        argv.add(java);
        argv.addAll(plan.jvmFlags());
        cache.ifPresent(c -> argv.add(c.runtimeOption()));
        argv.addAll(plan.app().launchArguments());
        runtime.add(new Instruction.Entrypoint(argv));
        if (!plan.args().isEmpty()) {
            runtime.add(new Instruction.Cmd(plan.args()));
        }
        List<Layer> layers = plan.app().layers();
        for (int i = 0; i < layers.size(); i++) {
            // The labels name the commit: they change more often than the dependencies, less often than the last layer
            // (the application's classes). Right before it, a one-class edit rebuilds that layer alone, without the
            // intermediate container a LABEL after it would cost, and a new commit rebuilds the labels and that layer.
            if (i == layers.size() - 1 && cache.isEmpty() && !plan.labels().isEmpty()) {
                runtime.add(new Instruction.Labels(new TreeMap<>(plan.labels())));
            }
            runtime.add(new Instruction.CopyLayer(layers.get(i).name(), LAYERS_DIRECTORY + "/" + layers.get(i).name()));
        }
        List<Instruction> image = runtime;
        String imageBase = plan.runtimeImage();
        if (cache.isPresent()) {
            // The training runs on the very layers the image gets, not on equal ones: the builder's cache matches a
            // COPY by content and ignores file times, so two stages that each COPY a jar may get it with different
            // times from different earlier builds, and the JVM refuses an archive whose jars' times differ.
            stages.add(new Stage(APPLICATION_STAGE, plan.runtimeImage(), runtime));
            stages.add(trainingStage(plan, cache.get(), java));
            image = new ArrayList<>();
            imageBase = APPLICATION_STAGE;
            // Last, and only the archive: it differs on every training run, every layer below stays reproducible, and
            // files the application wrote while training never reach the image.
            StartupCache c = cache.get();
            image.add(new Instruction.CopyFromStage(StartupCache.LAYER, TRAINING_STAGE, c.archivePath(), c.archivePath()));
        }
        // With a startup cache the last layer is the archive, which differs on every build: the labels go after it.
        if (cache.isPresent() && !plan.labels().isEmpty()) {
            image.add(new Instruction.Labels(new TreeMap<>(plan.labels())));
        }
        stages.add(new Stage(null, imageBase, image));

        String header = """
                Generated by slim-maven-plugin: do not edit, it is rewritten on every build.
                Application: %s, main class %s, Java %d (%s).
                Runtime: %s on %s%s.""".formatted(
                plan.app().layout().description(), plan.app().mainClass(), plan.app().javaRelease(), plan.app().releaseSource(),
                plan.runtime().id(), plan.runtimeImage(),
                plan.servletContainerImage().map(c -> c.equals(plan.runtimeImage()) ? "" : ", Tomcat from " + c).orElse(""));
        return new Dockerfile(header, stages);
    }

    /**
     * The training run: the application stage (the image's layers, class path, working directory and user), plus a
     * directory the user may write the archive to, and the application started once with the image's JVM flags and the
     * training's. It builds on every application layer, so a changed class trains anew instead of the builder reusing a
     * stale archive from its cache.
     */
    private static Stage trainingStage(ImagePlan plan, StartupCache cache, String java) {
        List<Instruction> training = new ArrayList<>();
        training.add(new Instruction.CopyOwned(TRAINING_DIRECTORY_LAYER, LAYERS_DIRECTORY + "/" + TRAINING_DIRECTORY_LAYER,
                plan.user()));
        List<String> argv = new ArrayList<>();
        argv.add(java);
        // First, so that the step's name in a failure (cut at 120 characters) still tells the training run.
        argv.add(cache.trainingOption());
        argv.addAll(plan.jvmFlags());
        argv.addAll(cache.trainingJvmFlags());
        argv.addAll(plan.app().launchArguments());
        argv.addAll(cache.trainingArgs());
        training.add(new Instruction.RunExec(argv));
        return new Stage(TRAINING_STAGE, APPLICATION_STAGE, training);
    }

    /**
     * The jlink step reads nothing from the build context: its only inputs are the JDK image and this text, so
     * the builder's cache keeps the linked runtime across application changes.
     */
    static String jlinkScript(ImagePlan plan, ModuleSet modules) {
        List<String> lines = new ArrayList<>();
        lines.add("set -e;");
        lines.add("command -v jlink >/dev/null || { echo \"builderImage " + plan.builderImage()
                + " has no jlink: set <builderImage> to a JDK image\" >&2; exit 1; };");
        // The JDK's own trust store, not the one inside the jmods (fewer roots): same CAs as the JDK it came from.
        lines.add("jdk=\"$(dirname \"$(dirname \"$(readlink -f \"$(command -v jlink)\")\")\")\";");
        lines.add("jlink --add-modules " + String.join(",", modules.names()));
        if (!modules.includeLocales().isEmpty()) {
            lines.add("  --include-locales=" + modules.includeLocales());
        }
        lines.add("  --strip-debug --no-header-files --no-man-pages " + compressFlag(plan.app().javaRelease())
                + (generatesCdsArchive(plan) ? " " + GENERATE_CDS_ARCHIVE : "") + " " + JLINK_JVM);
        lines.add("  --output " + JLINK_OUTPUT + ";");
        lines.add("cp -L \"$jdk/lib/security/cacerts\" " + JLINK_OUTPUT + "/lib/security/cacerts;");
        lines.add("echo \"" + CDS_BYTES_LINE + "$(cat " + JLINK_OUTPUT + "/lib/server/*.jsa 2>/dev/null | wc -c) bytes\"");
        return String.join(" \\\n    ", lines);
    }

    /**
     * Whether the linked runtime gets the JDK's default CDS archive: without it the JVM loads every JDK class from the
     * modules file and starts slower than a full JDK. jlink's plugin came with JDK 17; older builder JDKs link without.
     */
    static boolean generatesCdsArchive(ImagePlan plan) {
        return plan.jlink().cdsArchive() && builderJavaRelease(plan) >= FIRST_CDS_ARCHIVE_JDK;
    }

    /** The builder JDK's release, as its image tag names it, else the one the plan would pick by default. */
    private static int builderJavaRelease(ImagePlan plan) {
        return ImageJavaRelease.of(plan.builderImage())
                .orElse(Math.max(plan.app().javaRelease(), RuntimeKind.FIRST_LINKING_RELEASE));
    }

    // jlink is a short Java program: the C1 compiler alone runs it with about 40% less CPU (18 s instead of 30 s for 25
    // modules, same bytes out), which is most of a cold jlink build's time.
    static final String JLINK_JVM = "-J-XX:TieredStopAtLevel=1";

    /** JDK 21 took zip-N levels and deprecated the numeric ones; JDK 17 knows only the numeric ones. */
    static String compressFlag(int javaRelease) {
        return javaRelease >= 21 ? "--compress=zip-6" : "--compress=2";
    }
}
