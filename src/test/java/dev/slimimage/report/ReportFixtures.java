package dev.slimimage.report;

import dev.slimimage.docker.DaemonEngine;

import dev.slimimage.analysis.AppAnalysis;
import dev.slimimage.analysis.AppLayout;
import dev.slimimage.analysis.FileSource;
import dev.slimimage.analysis.ImageFile;
import dev.slimimage.analysis.Layer;
import dev.slimimage.docker.BuiltImage;
import dev.slimimage.dockerfile.Dockerfile;
import dev.slimimage.dockerfile.DockerfileGenerator;
import dev.slimimage.plan.ImagePlan;
import dev.slimimage.dockerfile.Instruction;
import dev.slimimage.plan.RuntimeKind;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/** A plan with three layers of known staged sizes, and daemon histories for the image built from it. */
final class ReportFixtures {

    static final String IMAGE_ID = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final long STAGED_DEPENDENCIES = 20_000_000;
    static final long STAGED_RESOURCES = 12_300;
    static final long STAGED_CLASSES = 45_600;

    private ReportFixtures() {}

    static ImagePlan plan() {
        AppAnalysis app = new AppAnalysis(AppLayout.PLAIN_JAR, "com.example.Main",
                List.of("-cp", "/app/classes:/app/lib/*", "com.example.Main"), 17, "project configuration",
                List.of(layer(Layer.DEPENDENCIES, STAGED_DEPENDENCIES),
                        layer(Layer.RESOURCES, STAGED_RESOURCES),
                        layer(Layer.CLASSES, STAGED_CLASSES)),
                List.of(Path.of("/nowhere/app.jar")));
        return new ImagePlan(app, RuntimeKind.JRE, "eclipse-temurin:17-jdk", "eclipse-temurin:17-jre", "65532",
                List.of("-XX:MaxRAMPercentage=75"), List.of("8080"), Map.of("org.opencontainers.image.title", "app"),
                Instant.parse("2024-01-01T00:00:00Z"), ImagePlan.JlinkOptions.DEFAULTS);
    }

    private static Layer layer(String name, long bytes) {
        // two files per layer, so that a layer's size is the sum of its files
        return new Layer(name, List.of(
                new ImageFile("/app/" + name + "/a", new FileSource.OnDisk(Path.of("/nowhere/a"), bytes - 100)),
                new ImageFile("/app/" + name + "/b", new FileSource.OnDisk(Path.of("/nowhere/b"), 100))));
    }

    static Dockerfile dockerfile(ImagePlan plan) {
        return new DockerfileGenerator().generate(plan, Optional.empty());
    }

    /**
     * The history a classic builder reports, newest first: one entry per instruction of the final stage (COPY
     * entries get {@code copySizes} in order, the others 0 bytes), then the base image's entries ({@code baseSizes}
     * oldest first).
     */
    static List<BuiltImage.HistoryEntry> history(Dockerfile dockerfile, List<Long> copySizes, List<Long> baseSizes) {
        List<BuiltImage.HistoryEntry> oldestFirst = new ArrayList<>();
        for (long size : baseSizes) {
            oldestFirst.add(new BuiltImage.HistoryEntry("/bin/sh -c #(nop) ADD file:4f1e" + size + " in / ", size));
        }
        int copy = 0;
        for (Instruction instruction : dockerfile.finalStage().instructions()) {
            if (instruction instanceof Instruction.CopyLayer) {
                oldestFirst.add(new BuiltImage.HistoryEntry("/bin/sh -c #(nop) COPY dir:" + (7919 * (copy + 1)) + " in / ",
                        copySizes.get(copy++)));
            } else {
                oldestFirst.add(new BuiltImage.HistoryEntry("/bin/sh -c #(nop)  " + instruction.render(), 0));
            }
        }
        List<BuiltImage.HistoryEntry> newestFirst = new ArrayList<>(oldestFirst);
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    static BuiltImage built(long sizeBytes, List<BuiltImage.HistoryEntry> history) {
        return new BuiltImage(IMAGE_ID, sizeBytes, history, List.of(), List.of(), ENGINE);
    }

    static final DaemonEngine ENGINE = new DaemonEngine(DaemonEngine.PODMAN, "4.3.1", "1.41", "unix:///run/podman/podman.sock", false);
}
