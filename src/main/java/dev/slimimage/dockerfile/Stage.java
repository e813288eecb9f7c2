package dev.slimimage.dockerfile;

import java.util.List;

/** One FROM section of a Dockerfile. */
public record Stage(String name, String baseImage, List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }
}
