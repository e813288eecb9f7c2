package dev.slimimage.docker;

import dev.slimimage.json.Json;
import java.util.ArrayList;
import java.util.List;

/** Where Podman's Docker-compatible API answers in other words than Docker, the Docker form, so the rest sees one. */
final class Dialects {

    private static final String SHELL = "/bin/sh -c ";

    private Dialects() {
    }

    /** {@code docker.io/library/app:1} (Podman's form of every short name) as Docker shows it: {@code app:1}. */
    static String familiarName(String reference) {
        if (reference.startsWith("docker.io/library/")) {
            return reference.substring("docker.io/library/".length());
        }
        if (reference.startsWith("docker.io/")) {
            return reference.substring("docker.io/".length());
        }
        return reference;
    }

    /**
     * Podman records an exec-form {@code RUN ["java", "-version"]} as {@code /bin/sh -c ["java", "-version"]}, as if a
     * shell ran it (the stage may have none); Docker records the command itself: {@code java -version}.
     */
    static String historyText(String createdBy) {
        if (!createdBy.startsWith(SHELL + "[") || !createdBy.endsWith("]")) {
            return createdBy;
        }
        try {
            List<String> words = new ArrayList<>();
            for (Object word : Json.array(Json.parse(createdBy.substring(SHELL.length())))) {
                if (!(word instanceof String text)) {
                    return createdBy;
                }
                words.add(text);
            }
            return String.join(" ", words);
        } catch (java.io.IOException notJson) {
            return createdBy;
        }
    }
}
