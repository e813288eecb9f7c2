package dev.slimimage.modules;

import java.util.List;

/** One module of the linked runtime and every reason it is there, in words a user can check. */
public record ModuleChoice(String name, List<String> reasons) {

    public ModuleChoice {
        reasons = List.copyOf(reasons);
    }
}
