package dev.slimimage.analysis;

/** One file of the application as it will sit in the image, at an absolute path such as {@code /app/lib/x.jar}. */
public record ImageFile(String imagePath, FileSource source) {}
