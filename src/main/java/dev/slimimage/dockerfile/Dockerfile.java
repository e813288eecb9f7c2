package dev.slimimage.dockerfile;

import java.util.List;

/** A generated Dockerfile: stages in order, the last one being the image. */
public record Dockerfile(String header, List<Stage> stages) {

    public Dockerfile {
        stages = List.copyOf(stages);
    }

    public Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        header.lines().forEach(line -> out.append("# ").append(line).append('\n'));
        for (Stage stage : stages) {
            out.append('\n').append("FROM ").append(stage.baseImage());
            if (stage.name() != null) {
                out.append(" AS ").append(stage.name());
            }
            out.append('\n');
            for (Instruction instruction : stage.instructions()) {
                out.append(instruction.render()).append('\n');
            }
        }
        return out.toString();
    }
}
