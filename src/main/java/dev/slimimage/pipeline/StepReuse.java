package dev.slimimage.pipeline;

import dev.slimimage.docker.BuildResult;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.dockerfile.Instruction;
import dev.slimimage.dockerfile.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A rebuild that starts from the last build's image after its last unchanged step, and sends the daemon only the layer
 * directories the remaining steps copy. After a one-class change that is the classes layer alone, where the classic
 * builder would otherwise receive (and hash) every dependency again only to take each of their steps from its cache.
 *
 * <p>The image is the one a full build makes: the same Dockerfile, base images and plan built the steps before, so the
 * builder's cache would have given these very step images, and the steps from there on run on them as they would.
 *
 * @param firstStep       the index, among the final stage's instructions, of the first one to run
 * @param fromImage       the last build's image after the step before it (as the daemon printed its id)
 * @param keptSteps       the last build's final-stage step images before {@code fromImage}
 * @param earlierStages   the last image of every stage before the final one, which this build does not build
 * @param layerDirectories the context directories the remaining steps copy, e.g. {@code layers/classes}
 * @param remainingSteps  the final stage's instructions from {@code firstStep} on, the first copying the first changed layer
 */
record StepReuse(int firstStep, String fromImage, List<String> keptSteps, List<String> earlierStages,
                 List<String> layerDirectories, List<Instruction> remainingSteps) {

    StepReuse {
        keptSteps = List.copyOf(keptSteps);
        earlierStages = List.copyOf(earlierStages);
        layerDirectories = List.copyOf(layerDirectories);
        remainingSteps = List.copyOf(remainingSteps);
    }

    /**
     * The reuse this build allows; empty when it must build everything: the last build's steps are not known, its
     * Dockerfile or anything outside the layers' files differs, a stage before the final one reads the context (the
     * startup cache's training stage runs the application), or no layer of the final stage changed.
     */
    static Optional<StepReuse> of(Dockerfile dockerfile, BuildInputs.Fingerprint now, LastBuild.Steps last) {
        List<Stage> stages = dockerfile.stages();
        Stage finalStage = dockerfile.finalStage();
        List<Instruction> instructions = finalStage.instructions();
        if (!last.dockerfile().equals(digest(dockerfile)) || !last.outsideLayers().equals(now.outsideLayers())
                || last.stageImageIds().size() != stages.size() || last.finalStageSteps().size() != instructions.size() + 1
                || stages.subList(0, stages.size() - 1).stream().flatMap(s -> s.instructions().stream())
                        .anyMatch(i -> contextDirectory(i).isPresent())) {
            return Optional.empty();
        }
        int first = -1;
        for (int i = 0; i < instructions.size() && first < 0; i++) {
            Optional<String> directory = contextDirectory(instructions.get(i));
            // A directory that is no layer of the application (the working directory) holds only what the plan says.
            if (directory.isPresent() && instructions.get(i).layer() != null
                    && !Objects.equals(now.layers().get(instructions.get(i).layer()), last.layers().get(instructions.get(i).layer()))) {
                first = i;
            }
        }
        if (first < 0) {
            return Optional.empty();
        }
        List<Instruction> remaining = instructions.subList(first, instructions.size());
        if (remaining.stream().anyMatch(i -> i instanceof Instruction.CopyFromStage)) {
            return Optional.empty();
        }
        List<String> directories = new ArrayList<>();
        remaining.forEach(i -> contextDirectory(i).ifPresent(directories::add));
        return Optional.of(new StepReuse(first, last.finalStageSteps().get(first), last.finalStageSteps().subList(0, first),
                last.stageImageIds().subList(0, stages.size() - 1), directories, remaining));
    }

    /** The Dockerfile of the remaining steps, on the last build's step image, named by its full id. */
    String dockerfile(String fromImageFullId) {
        StringBuilder out = new StringBuilder("FROM ").append(fromImageFullId).append('\n');
        remainingSteps.forEach(i -> out.append(i.render()).append('\n'));
        return out.toString();
    }

    /** What the whole build would have said: the kept stages and steps, then this build's. */
    BuildResult completed(BuildResult remainder) {
        List<String> stages = new ArrayList<>(earlierStages);
        stages.add(remainder.imageId());
        List<String> steps = new ArrayList<>();
        if (!remainder.finalStageSteps().isEmpty()) {
            steps.addAll(keptSteps);
            steps.addAll(remainder.finalStageSteps());
        }
        return new BuildResult(remainder.imageId(), stages, steps);
    }

    /** What the last build record keeps of this build, for the next one to start from. */
    static Optional<LastBuild.Steps> record(Dockerfile dockerfile, BuildInputs.Fingerprint inputs, BuildResult result) {
        if (result.finalStageSteps().size() != dockerfile.finalStage().instructions().size() + 1) {
            return Optional.empty();
        }
        return Optional.of(new LastBuild.Steps(inputs.outsideLayers(), inputs.layers(), digest(dockerfile),
                result.stageImageIds(), result.finalStageSteps()));
    }

    private static Optional<String> contextDirectory(Instruction instruction) {
        if (instruction instanceof Instruction.CopyLayer copy) {
            return Optional.of(copy.contextDirectory());
        } else if (instruction instanceof Instruction.CopyOwned copy) {
            return Optional.of(copy.contextDirectory());
        } else if (instruction instanceof Instruction.CopyOwnedInto copy) {
            return Optional.of(copy.contextDirectory());
        }
        return Optional.empty();
    }

    private static String digest(Dockerfile dockerfile) {
        return BuildInputs.sha256Hex(dockerfile.render());
    }
}
