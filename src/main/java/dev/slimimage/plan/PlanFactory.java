package dev.slimimage.plan;

import dev.slimimage.analysis.AnalysisException;
import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.AppLayout;
import dev.slimimage.analysis.ProjectAnalyzer;
import dev.slimimage.analysis.ProjectInput;
import dev.slimimage.analysis.ServletContainer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Turns the user's settings and the project into an {@link ImagePlan}: every setting is checked before the
 * project is analysed, so a mistake fails fast with a {@link ConfigurationException} that names it.
 */
public final class PlanFactory {

    public static final String DEFAULT_USER = "65532";
    private static final String DEFAULT_HEAP_FLAG = "-XX:MaxRAMPercentage=75";
    private static final String JAVA_BASE = "java.base";
    /** What a LABEL key may hold unquoted: no white space, quotes, escapes, '$' (expanded) or '=' (ends the key). */
    private static final Pattern LABEL_KEY = Pattern.compile("[^\\s\"'=$\\\\]+");
    private static final String CREATED_LABEL = "org.opencontainers.image.created";

    private final Consumer<String> warnings;
    private final Consumer<String> notes;

    /** @param warnings receives one sentence for each setting that works but is likely a mistake */
    public PlanFactory(Consumer<String> warnings) {
        this(warnings, note -> { });
    }

    /**
     * @param warnings receives one sentence for each setting that works but is likely a mistake
     * @param notes receives one sentence for each setting that has no effect on this project, by design
     */
    public PlanFactory(Consumer<String> warnings, Consumer<String> notes) {
        this.warnings = warnings;
        this.notes = notes;
    }

    /**
     * @param project what the build tool read; the request's {@code mainClass}, when set, replaces its configured one
     * @param projectLabels labels describing the project (OCI title, version, …); the request's labels override them
     */
    public ImagePlan plan(PlanRequest request, ProjectInput project, Map<String, String> projectLabels)
            throws ConfigurationException, AnalysisException {
        RuntimeKind kind = request.runtime() == null ? RuntimeKind.JRE : RuntimeKind.parse(request.runtime());
        Optional<String> builderImage = baseImage(request.builderImage(), "builderImage");
        Optional<String> runtimeImage = baseImage(request.runtimeImage(), "runtimeImage");
        String user = user(request.user());
        List<String> ports = ports(request.ports());
        Optional<Instant> timestamp = OutputTimestamp.parse(request.outputTimestamp());
        Map<String, String> labels = labels(kind, projectLabels, timestamp, request.labels());
        List<String> excludeModules = modules(request.excludeModules(), "excludeModules");
        if (excludeModules.contains(JAVA_BASE)) {
            throw new ConfigurationException("excludeModules", JAVA_BASE, "excludeModules cannot hold " + JAVA_BASE
                    + ", the Java runtime itself, which is always linked", "remove it from excludeModules");
        }
        ImagePlan.JlinkOptions jlink = new ImagePlan.JlinkOptions(locales(request.locales()),
                modules(request.addModules(), "addModules"), excludeModules, request.jlinkCdsArchive() == null
                || request.jlinkCdsArchive());
        List<String> jvmFlags = jvmFlags(request.jvmFlags(), true);

        Optional<String> containerImage = baseImage(request.servletContainerImage(), "servletContainerImage");

        AppAnalysis app = new ProjectAnalyzer().analyze(withMainClass(project, request.mainClass()));
        String builder = builderImage.orElse(kind.defaultBuilderImage(app.javaRelease()));
        if (kind == RuntimeKind.JLINK && builderImage.isPresent() && JAVA_8_TAG.matcher(tag(builder)).matches()) {
            throw new ConfigurationException("builderImage", builder, "builderImage " + builder + " is a Java 8 JDK, which has no "
                    + "jlink", "use a JDK " + RuntimeKind.FIRST_LINKING_RELEASE + " or later, e.g. " + RuntimeKind.JLINK.defaultBuilderImage(8)
                    + " (the runtime it links runs Java 8 class files), or leave builderImage unset");
        }
        Optional<String> servletContainer = Optional.empty();
        List<String> args = args(request.args());
        if (app.layout() == AppLayout.WAR) {
            if (!args.isEmpty()) {
                throw new ConfigurationException("args", CommandLineWords.join(args), "args (" + CommandLineWords.join(args)
                        + ") cannot go to a war project's image, which starts Tomcat, whose Bootstrap would take the last one "
                        + "as its command (start, stop) instead of passing them to the web application",
                        "remove args (slim.args) and give the application its settings as -D system properties in jvmFlags "
                        + "or as environment variables");
            }
            servletContainer = Optional.of(containerImage.orElse(ServletContainer.defaultImage(app.javaRelease())));
            if (ports.isEmpty()) {
                ports = List.of(ServletContainer.DEFAULT_PORT);
            }
        } else if (containerImage.isPresent()) {
            warnings.accept("servletContainerImage " + containerImage.get() + " is ignored: it applies to war projects only, and this "
                    + "is a " + app.layout().description() + ".");
        }
        // On jre a WAR runs on the servlet container image itself, which brings its JRE; the others copy Tomcat over.
        String runtimeBase = runtimeImage.orElse(kind == RuntimeKind.JRE && servletContainer.isPresent()
                ? servletContainer.get() : kind.defaultImage(app.javaRelease()));
        if (kind == RuntimeKind.JLINK && builder.contains("alpine") != runtimeBase.contains("alpine")) {
            warnings.accept("builderImage " + builder + " and runtimeImage " + runtimeBase + " look like different C libraries "
                    + "(musl vs glibc): a runtime linked on one does not start on the other; pick a matching pair.");
        }
        Optional<StartupCache> startupCache = new StartupCachePlanner(notes, warnings).plan(request.startupCache(), kind,
                runtimeJavaRelease(kind, builder, runtimeBase, app), jlink.cdsArchive(), app, args,
                jvmFlags(request.trainingJvmFlags(), false), args(request.trainingArgs()));
        if (startupCache.isPresent()) {
            labels.put(StartupCache.LABEL, startupCache.get().kind().id());
            app = StartupCachePlanner.withClassRootPacked(app);
        }
        return new ImagePlan(app, kind, builder, runtimeBase, user, jvmFlags, ports, labels,
                timestamp.orElse(OutputTimestamp.DEFAULT), jlink, args, servletContainer, startupCache);
    }

    /**
     * The Java release the image runs on: a linked runtime's is the builder JDK's, the others' the runtime image's, as
     * their tags name it; the application's release when a tag names none (the runtime must run it, and the default
     * images are chosen by it).
     */
    static int runtimeJavaRelease(RuntimeKind kind, String builderImage, String runtimeImage, AppAnalysis app) {
        String image = kind == RuntimeKind.JLINK ? builderImage : runtimeImage;
        return ImageJavaRelease.of(image).orElse(app.javaRelease());
    }

    /** The tag of a Java 8 image as the common JDK images name it: 8, 8-jdk, 8u412-b08-jdk, 1.8.0, jdk8u412… */
    private static final Pattern JAVA_8_TAG = Pattern.compile("(jdk-?)?(8|1\\.8)(?![0-9]).*");

    /** The tag of an image reference, without a digest; empty when it has none. */
    private static String tag(String image) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "";
    }

    private static ProjectInput withMainClass(ProjectInput project, String mainClass) {
        if (mainClass == null || mainClass.isBlank()) {
            return project;
        }
        return project.withConfiguredMainClass(mainClass.strip());
    }

    private static Optional<String> baseImage(String image, String parameter) throws ConfigurationException {
        if (image == null || image.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(ImageReference.validateBase(image.strip(), parameter));
    }

    private String user(String value) throws ConfigurationException {
        String u = value == null ? DEFAULT_USER : value.strip();
        if (u.isEmpty() || !u.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?")) {
            throw new ConfigurationException("user", value, "The user '" + value + "' is not valid",
                    "use a name or uid, optionally with :group, e.g. 65532 or 65532:65532");
        }
        if (u.equals("0") || u.equals("root") || u.startsWith("0:") || u.startsWith("root:")) {
            warnings.accept("The image will run as root (user=" + u + "); the default " + DEFAULT_USER + " is safer.");
        }
        return u;
    }

    private static List<String> jvmFlags(List<String> configured, boolean withHeapDefault) {
        List<String> flags = new ArrayList<>();
        configured.stream().filter(f -> f != null && !f.isBlank()).map(String::strip).forEach(flags::add);
        if (!withHeapDefault) {
            return flags;
        }
        boolean setsHeap = flags.stream().anyMatch(f -> f.startsWith("-Xmx") || f.startsWith("-XX:MaxRAMPercentage")
                || f.startsWith("-XX:MaxRAM=") || f.startsWith("-XX:MaxHeapSize"));
        if (!setsHeap) {
            flags.add(0, DEFAULT_HEAP_FLAG);
        }
        return flags;
    }

    /** Null elements (an empty {@code <arg/>}) are empty arguments: a program may take "" as a value. */
    private static List<String> args(List<String> configured) {
        return configured.stream().map(a -> a == null ? "" : a).toList();
    }

    private static List<String> ports(List<String> configured) throws ConfigurationException {
        List<String> checked = new ArrayList<>();
        for (String port : configured) {
            String p = port == null ? "" : port.strip();
            if (p.isEmpty()) {
                continue;
            }
            int number = p.matches("\\d{1,5}(/(tcp|udp|sctp))?") ? Integer.parseInt(p.split("/")[0]) : 0;
            if (number < 1 || number > 65535) {
                throw new ConfigurationException("ports", port, "The port '" + port + "' in ports is not valid",
                        "use a number from 1 to 65535, optionally with /tcp or /udp, e.g. 8080");
            }
            checked.add(p);
        }
        return checked;
    }

    /**
     * The image keeps a label exactly as given or not at all: the Dockerfile builder would store the escape of a
     * control character (a line break, a tab) as text, and reads a key with quotes, {@code $} or {@code =} as syntax.
     */
    private static Map<String, String> labels(RuntimeKind kind, Map<String, String> projectLabels, Optional<Instant> timestamp,
                                              Map<String, String> configured) throws ConfigurationException {
        Map<String, String> result = new LinkedHashMap<>();
        // verify reads this to know whether a missing JDK class means a missing module.
        result.put(RuntimeKind.RUNTIME_LABEL, kind.id());
        for (Map.Entry<String, String> label : projectLabels.entrySet()) {
            OptionalInt control = controlCharacter(label.getValue());
            if (control.isPresent()) {
                throw new ConfigurationException(label.getKey(), label.getValue(), "The label " + label.getKey()
                        + " taken from the POM holds the control character " + codePoint(control.getAsInt())
                        + ", which the image would store as an escape sequence", "remove it from that value in the POM");
            }
            result.put(label.getKey(), label.getValue());
        }
        timestamp.ifPresent(t -> result.put(CREATED_LABEL, t.toString()));
        for (Map.Entry<String, String> label : configured.entrySet()) {
            String key = label.getKey();
            String value = label.getValue() == null ? "" : label.getValue();
            if (key == null || controlCharacter(key).isPresent() || !LABEL_KEY.matcher(key).matches()) {
                throw new ConfigurationException("labels", key, "The label key '" + printable(key) + "' in labels cannot be written "
                        + "in a Dockerfile as it is", "use letters, digits, '.', '-', '_' and ':', e.g. com.example.team");
            }
            OptionalInt control = controlCharacter(value);
            if (control.isPresent()) {
                throw new ConfigurationException("labels", value, "The label " + key + " in labels holds the control character "
                        + codePoint(control.getAsInt()) + ", which the image would store as an escape sequence",
                        "write the value on one line without tabs or other control characters");
            }
            result.put(key, value);
        }
        return result;
    }

    private static OptionalInt controlCharacter(String text) {
        return text.chars().filter(Character::isISOControl).findFirst();
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(Character.isISOControl(c) ? "<" + codePoint(c) + ">" : String.valueOf((char) c)));
        return out.toString();
    }

    private static String codePoint(int c) {
        return String.format(Locale.ROOT, "U+%04X", c);
    }

    private static String locales(String value) throws ConfigurationException {
        if (value == null) {
            return ImagePlan.JlinkOptions.DEFAULT_LOCALES;
        }
        String v = value.strip();
        if (v.isEmpty() || v.equals("*") || v.equalsIgnoreCase("none")) {
            return v.isEmpty() ? "*" : v;
        }
        for (String tag : v.split(",")) {
            if (!tag.strip().matches("[A-Za-z]{2,8}(-[A-Za-z0-9*]{1,8})*")) {
                throw new ConfigurationException("locales", value, "The locale '" + tag.strip() + "' in locales is not a language tag",
                        "use a list such as en,de,fr-CA, or * for all, or none");
            }
        }
        return v.replaceAll("\\s+", "");
    }

    private static List<String> modules(List<String> configured, String parameter) throws ConfigurationException {
        List<String> checked = new ArrayList<>();
        for (String entry : configured) {
            for (String name : entry == null ? new String[0] : entry.split(",")) {
                String n = name.strip();
                if (n.isEmpty()) {
                    continue;
                }
                if (!n.matches("[A-Za-z_][\\w]*(\\.[A-Za-z_][\\w]*)*")) {
                    throw new ConfigurationException(parameter, n, "'" + n + "' in " + parameter + " is not a module name",
                            "use names such as java.sql or jdk.crypto.ec");
                }
                checked.add(n);
            }
        }
        return checked;
    }
}
