package dev.slimimage.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRevisionTest {

    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final String OTHER_SHA = "fedcba9876543210fedcba9876543210fedcba98";

    @TempDir
    Path tmp;

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static boolean insideAGitRepository(Path dir) {
        for (Path d = dir.toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void headOnABranchWithALooseRef() throws IOException {
        write(tmp.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        write(tmp.resolve(".git/refs/heads/main"), SHA + "\n");

        assertThat(GitRevision.of(tmp)).contains(SHA);
    }

    @Test
    void looksUpFromASubdirectoryOfTheRepository() throws IOException {
        write(tmp.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        write(tmp.resolve(".git/refs/heads/main"), SHA + "\n");
        Path module = Files.createDirectories(tmp.resolve("modules/app"));

        assertThat(GitRevision.of(module)).contains(SHA);
    }

    @Test
    void headOnABranchInPackedRefs() throws IOException {
        write(tmp.resolve(".git/HEAD"), "ref: refs/heads/feature/x\n");
        write(tmp.resolve(".git/packed-refs"), """
                # pack-refs with: peeled fully-peeled sorted
                %s refs/heads/feature/x-old
                %s refs/heads/feature/x
                %s refs/tags/v1.0
                ^%s
                """.formatted(OTHER_SHA, SHA, OTHER_SHA, OTHER_SHA));

        assertThat(GitRevision.of(tmp)).contains(SHA);
    }

    @Test
    void looseRefWinsOverPackedRefs() throws IOException {
        write(tmp.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        write(tmp.resolve(".git/refs/heads/main"), SHA + "\n");
        write(tmp.resolve(".git/packed-refs"), OTHER_SHA + " refs/heads/main\n");

        assertThat(GitRevision.of(tmp)).contains(SHA);
    }

    @Test
    void detachedHead() throws IOException {
        write(tmp.resolve(".git/HEAD"), SHA + "\n");

        assertThat(GitRevision.of(tmp)).contains(SHA);
    }

    @Test
    void worktreeFollowsGitdirAndCommondir() throws IOException {
        Path main = tmp.resolve("main");
        write(main.resolve(".git/refs/heads/unit-tests"), SHA + "\n");
        write(main.resolve(".git/worktrees/wt/HEAD"), "ref: refs/heads/unit-tests\n");
        write(main.resolve(".git/worktrees/wt/commondir"), "../..\n");
        Path worktree = tmp.resolve("wt");
        write(worktree.resolve(".git"), "gitdir: " + main.resolve(".git/worktrees/wt") + "\n");

        assertThat(GitRevision.of(worktree)).contains(SHA);
    }

    @Test
    void branchWithoutCommitsHasNoRevision() throws IOException {
        write(tmp.resolve(".git/HEAD"), "ref: refs/heads/main\n");
        Files.createDirectories(tmp.resolve(".git/refs/heads"));

        assertThat(GitRevision.of(tmp)).isEmpty();
    }

    @Test
    void noRepositoryHasNoRevision() throws IOException {
        assumeTrue(!insideAGitRepository(tmp), "the temporary directory lies inside a git repository");
        Path project = Files.createDirectories(tmp.resolve("project"));

        assertThat(GitRevision.of(project)).isEmpty();
    }

    @Test
    void corruptHeadHasNoRevision() throws IOException {
        write(tmp.resolve(".git/HEAD"), "not a sha\n");

        assertThat(GitRevision.of(tmp)).isEmpty();
    }
}
