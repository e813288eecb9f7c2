package dev.slimimage.plan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The commit a project directory is checked out at, read from {@code .git} without running git. */
public final class GitRevision {

    private GitRevision() {}

    public static Optional<String> of(Path directory) {
        for (Path dir = directory.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            try {
                if (Files.isRegularFile(git)) {
                    // A worktree or submodule: ".git" names the real git directory.
                    String pointer = Files.readString(git, StandardCharsets.UTF_8).strip();
                    if (pointer.startsWith("gitdir:")) {
                        return headOf(dir.resolve(pointer.substring(7).strip()));
                    }
                    return Optional.empty();
                }
                if (Files.isDirectory(git)) {
                    return headOf(git);
                }
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> headOf(Path gitDir) throws IOException {
        Path headFile = gitDir.resolve("HEAD");
        if (!Files.isRegularFile(headFile)) {
            return Optional.empty();
        }
        String head = Files.readString(headFile, StandardCharsets.UTF_8).strip();
        if (!head.startsWith("ref: ")) {
            return isSha(head) ? Optional.of(head) : Optional.empty();
        }
        String ref = head.substring(5).strip();
        Path common = gitDir.resolve("commondir");
        Path refsDir = Files.isRegularFile(common) ? gitDir.resolve(Files.readString(common).strip()) : gitDir;
        Path loose = refsDir.resolve(ref);
        if (Files.isRegularFile(loose)) {
            String sha = Files.readString(loose, StandardCharsets.UTF_8).strip();
            return isSha(sha) ? Optional.of(sha) : Optional.empty();
        }
        Path packed = refsDir.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                if (line.endsWith(" " + ref) && isSha(line.substring(0, line.indexOf(' ')))) {
                    return Optional.of(line.substring(0, line.indexOf(' ')));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isSha(String s) {
        return s.matches("[0-9a-f]{40}([0-9a-f]{24})?");
    }
}
