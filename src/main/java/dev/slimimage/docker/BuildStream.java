package dev.slimimage.docker;

import dev.slimimage.json.Json;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the builder's output once, as it arrives: passes every line on, and keeps what the build created
 * (to remove exactly that after a failure), the image each stage ended with, and the current step with what it
 * printed (to say which step failed and why). Not thread-safe; one per build.
 * <p>
 * Two dialects: Docker's classic builder ({@code Step 5/9 : COPY …}, {@code  ---> Running in <id>},
 * {@code  ---> <id>}) and Podman's, through its Docker-compatible API ({@code [2/2] STEP 5/9: COPY …}, without the
 * stage prefix in a single-stage build,
 * {@code --> Using cache <full id>}, {@code --> <11 hex>}, {@code [2/2] COMMIT <name>}, the full id alone on the
 * last line). Podman names no build containers: buildah removes its own, also after a failure.
 */
final class BuildStream {

    private static final int FAILURE_LINES = 40;
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");
    private static final Pattern STEP = Pattern.compile("Step \\d+/\\d+ : (.*)");
    private static final Pattern RUNNING_IN = Pattern.compile("\\s*---> Running in ([0-9a-f]{12,64})");
    private static final Pattern USING_CACHE = Pattern.compile("\\s*---> Using cache");
    private static final Pattern IMAGE = Pattern.compile("\\s*---> ([0-9a-f]{12,64})");
    private static final Pattern REMOVING = Pattern.compile("Removing intermediate container ([0-9a-f]{12,64})");
    private static final Pattern BUILT = Pattern.compile("Successfully built ([0-9a-f]{12,64})");
    private static final Pattern EXIT_CODE = Pattern.compile("(?:returned a non-zero code:|exit status) (\\d+)");
    // A multi-stage build prefixes the stage ("[2/2] "), a single-stage one does not.
    private static final Pattern PODMAN_STEP = Pattern.compile("(?:\\[\\d+/\\d+\\] )?STEP \\d+/\\d+: (.*)");
    private static final Pattern PODMAN_USING_CACHE = Pattern.compile("--> Using cache [0-9a-f]{12,64}");
    private static final Pattern PODMAN_IMAGE = Pattern.compile("--> ([0-9a-f]{11,64})");
    private static final Pattern PODMAN_COMMIT = Pattern.compile("(?:\\[\\d+/\\d+\\] )?COMMIT( .*)?");
    private static final Pattern FULL_ID = Pattern.compile("[0-9a-f]{64}");

    /** Where the next {@code ---> id} line comes from. */
    private enum NextImage { BASE, CACHED, NEW }

    private final Consumer<String> output;
    private final StringBuilder pending = new StringBuilder();
    private final List<String> createdContainers = new ArrayList<>();
    private final List<String> removedContainers = new ArrayList<>();
    private final List<String> createdImages = new ArrayList<>();
    private final List<String> stageImages = new ArrayList<>();
    /** The current stage's image after each step, its base first; null once Podman's dialect showed (no id for FROM). */
    private List<String> stageSteps = new ArrayList<>();
    private final Deque<String> stepOutput = new ArrayDeque<>();
    private NextImage next = NextImage.NEW;
    private String step = "";
    private String lastImage;
    private String builtImage;
    private String error;

    BuildStream(Consumer<String> output) {
        this.output = output;
    }

    /** A {@code stream} item: text that may hold several lines or end in the middle of one. */
    void text(String text) {
        pending.append(text);
        int newline;
        while ((newline = pending.indexOf("\n")) >= 0) {
            line(pending.substring(0, newline));
            pending.delete(0, newline + 1);
        }
    }

    /**
     * One line of the daemon's answer to {@code POST /build}: a JSON object whose {@code stream} is builder output and
     * whose {@code error} / {@code errorDetail} says the build failed; other items ({@code aux}, {@code status}) carry
     * nothing the build needs. A blank line is nothing.
     *
     * @throws IOException when the line is no JSON object
     */
    void jsonLine(String line) throws IOException {
        if (line.isBlank()) {
            return;
        }
        Object parsed = Json.parse(line);
        if (!(parsed instanceof Map<?, ?>)) {
            throw new IOException("the daemon's build output has a line that is no JSON object: " + line);
        }
        Map<String, Object> item = Json.object(parsed);
        if (item.get("stream") instanceof String text) {
            text(text);
        }
        if (item.get("error") != null || item.get("errorDetail") != null) {
            String detail = Json.text(Json.object(item.get("errorDetail")).get("message"), null);
            error(detail != null ? detail : Json.text(item.get("error"), null));
        }
    }

    /** What a failed build needs of the daemon it ran on, to say why and to remove what it left. */
    interface Daemon {
        boolean answers();

        DockerException unavailable(String doing, Throwable cause);

        DockerException failure(String doing, Throwable cause);

        /** Quietly: housekeeping only, the build's own error matters more. */
        void removeContainer(String containerId);

        /** Quietly, and only when no tag or container uses it. */
        void removeImageIfUnused(String imageId);
    }

    /**
     * The built image once the stream has ended. Otherwise the exception that says why there is none, thrown after
     * removing the containers and images this build created; only those, since other builds on a shared daemon create
     * and orphan images at the same time.
     *
     * @param broken what broke the stream off (a failed request or connection), or null
     */
    BuildResult result(Throwable broken, Daemon daemon) throws DockerException {
        finish();
        if (broken == null && error == null && builtImage().isPresent()) {
            return new BuildResult(builtImage().get(), stageImages(), finalStageSteps());
        }
        String where = step.isEmpty() ? "building the image" : "building the image (at " + step + ")";
        if (!daemon.answers()) {
            throw daemon.unavailable(where, broken);
        }
        leftContainers().forEach(daemon::removeContainer);
        List<String> newestFirst = new ArrayList<>(createdImages);
        java.util.Collections.reverse(newestFirst);
        newestFirst.forEach(daemon::removeImageIfUnused);
        if (broken != null) {
            throw daemon.failure(where, broken);
        }
        throw new ImageBuildException(describeFailure(error != null ? error : "the build ended without an image"));
    }

    /** An {@code error} / {@code errorDetail} item: the build failed. */
    void error(String message) {
        finish();
        error = message == null || message.isBlank() ? "the builder reported an error without a message" : message.strip();
    }

    /** The end of the stream: a last line without a newline still counts. */
    void finish() {
        if (!pending.isEmpty()) {
            line(pending.toString());
            pending.setLength(0);
        }
    }

    private void line(String raw) {
        String line = ANSI.matcher(raw).replaceAll("").stripTrailing();
        if (line.isBlank()) {
            return;
        }
        output.accept(line);
        Matcher m;
        if ((m = STEP.matcher(line)).matches()) {
            step = line;
            stepOutput.clear();
            boolean from = isFrom(m.group(1));
            if (from && lastImage != null) {
                stageImages.add(lastImage);
            }
            if (from && stageSteps != null) {
                stageSteps.clear();
            }
            next = from ? NextImage.BASE : NextImage.NEW;
        } else if ((m = PODMAN_STEP.matcher(line)).matches()) {
            step = line;
            stepOutput.clear();
            // Podman prints no id for the base image: the stage's first id is already a step's.
            if (isFrom(m.group(1)) && lastImage != null) {
                stageImages.add(lastImage);
                lastImage = null;
            }
            stageSteps = null;
            next = NextImage.NEW;
        } else if (PODMAN_COMMIT.matcher(line).matches()) {
            // The final image's id follows; whether it came from the cache was said at its last step.
            return;
        } else if (FULL_ID.matcher(line).matches()) {
            builtImage = line;
        } else if ((m = RUNNING_IN.matcher(line)).matches()) {
            createdContainers.add(m.group(1));
            next = NextImage.NEW;
        } else if (USING_CACHE.matcher(line).matches() || PODMAN_USING_CACHE.matcher(line).matches()) {
            next = NextImage.CACHED;
        } else if ((m = IMAGE.matcher(line)).matches() || (m = PODMAN_IMAGE.matcher(line)).matches()) {
            lastImage = m.group(1);
            if (stageSteps != null) {
                stageSteps.add(lastImage);
            }
            if (next == NextImage.NEW) {
                createdImages.add(lastImage);
            }
            next = NextImage.NEW;
        } else if ((m = REMOVING.matcher(line)).matches()) {
            removedContainers.add(m.group(1));
        } else if ((m = BUILT.matcher(line)).matches()) {
            if (builtImage == null || !ImageIds.same(builtImage, m.group(1))) {
                builtImage = m.group(1);
            }
        } else if (!line.startsWith("Successfully tagged ")) {
            stepOutput.addLast(line);
            if (stepOutput.size() > FAILURE_LINES) {
                stepOutput.removeFirst();
            }
        }
    }

    private static boolean isFrom(String instruction) {
        return instruction.regionMatches(true, 0, "FROM ", 0, 5);
    }

    Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** The image the build ended with, once it succeeded. */
    Optional<String> builtImage() {
        return error != null ? Optional.empty() : Optional.ofNullable(builtImage != null ? builtImage : lastImage);
    }

    /** The last image of every stage so far, in order; the last entry is the final image. */
    List<String> stageImages() {
        List<String> all = new ArrayList<>(stageImages);
        if (lastImage != null) {
            all.add(lastImage);
        }
        return all;
    }

    /** The final stage's image after each step so far, its base image's first; empty in Podman's dialect. */
    List<String> finalStageSteps() {
        return stageSteps == null ? List.of() : List.copyOf(stageSteps);
    }

    /** Containers the build started that it has not said it removed. */
    List<String> leftContainers() {
        List<String> left = new ArrayList<>(createdContainers);
        left.removeAll(removedContainers);
        return left;
    }

    /** Images this build made, oldest first; base images and images taken from the cache are not among them. */
    List<String> createdImages() {
        return List.copyOf(createdImages);
    }

    /** The step being built, e.g. {@code Step 3/9 : RUN ...} or {@code [1/2] STEP 3/9: RUN ...}, or empty before the first. */
    String step() {
        return step;
    }

    /** One sentence for a failed step: which step, its exit code (or the daemon's message) and what it printed. */
    String describeFailure(String daemonMessage) {
        Matcher code = EXIT_CODE.matcher(daemonMessage);
        String stepName = step.length() > 120 ? step.substring(0, 117) + "..." : step;
        StringBuilder message = new StringBuilder("The image build failed");
        message.append(stepName.isEmpty() ? "" : " at " + stepName);
        message.append(code.find() ? " (exit code " + code.group(1) + ")" : ": " + daemonMessage);
        if (!stepOutput.isEmpty()) {
            message.append(". The step printed:\n  ").append(String.join("\n  ", stepOutput));
        }
        return message.append("\nFix the cause it shows; the whole build output is in the log above.").toString();
    }
}
