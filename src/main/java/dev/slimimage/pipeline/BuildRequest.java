package dev.slimimage.pipeline;

import dev.slimimage.plan.ImagePlan;
import dev.slimimage.plan.PullPolicy;
import dev.slimimage.plan.SizeBudget;
import dev.slimimage.registry.CredentialResolver;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One image build, fully decided: what to build (the plan), where its files go, how to tag it and which daemon.
 *
 * @param contextDirectory where the Dockerfile, the staged layers and the report are written (already checked to lie
 *                         inside the build directory)
 * @param cacheDirectory where results worth keeping between builds live (the module analysis)
 * @param extraTags further full references for the same image
 * @param dockerHost the user's explicit daemon address; empty for the default discovery
 * @param credentials where credentials for pulling private base images come from
 * @param budget the size limits the finished image is checked against
 * @param force build even when nothing the image is built from changed since the last build and its image is still there
 */
public record BuildRequest(
        ImagePlan plan,
        Path contextDirectory,
        Path cacheDirectory,
        String image,
        List<String> extraTags,
        PullPolicy pull,
        boolean noCache,
        Optional<String> dockerHost,
        CredentialResolver credentials,
        SizeBudget budget,
        boolean force) {

    public BuildRequest {
        extraTags = List.copyOf(extraTags);
    }

    /** A build that is skipped when its image is up to date. */
    public BuildRequest(ImagePlan plan, Path contextDirectory, Path cacheDirectory, String image, List<String> extraTags,
            PullPolicy pull, boolean noCache, Optional<String> dockerHost, CredentialResolver credentials, SizeBudget budget) {
        this(plan, contextDirectory, cacheDirectory, image, extraTags, pull, noCache, dockerHost, credentials, budget, false);
    }

    /** A build whose base images need no credentials, without size limits. */
    public BuildRequest(ImagePlan plan, Path contextDirectory, Path cacheDirectory, String image, List<String> extraTags,
            PullPolicy pull, boolean noCache, Optional<String> dockerHost) {
        this(plan, contextDirectory, cacheDirectory, image, extraTags, pull, noCache, dockerHost, CredentialResolver.none(),
                SizeBudget.NONE);
    }
}
