package dev.slimimage.report;

import java.util.List;

/**
 * What the build produced and what it saved against the naive single-stage JDK image.
 *
 * @param baselineBytes null when the JDK image was not available to measure against
 */
public record SizeReport(
        String image,
        String imageId,
        long imageBytes,
        String runtime,
        String runtimeImage,
        String baselineImage,
        Long baselineBytes,
        Long savedBytes,
        Double savedPercent,
        List<LayerSize> layers) {

    public SizeReport {
        layers = List.copyOf(layers);
    }

    /** One layer of the image, or the whole base image as one entry. */
    public record LayerSize(String name, long bytes) {}
}
