package dev.slimimage.plan;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java release an image reference names, read the way the common Java images tag themselves:
 * {@code eclipse-temurin:25-jre}, {@code eclipse-temurin:17.0.12_7-jdk}, {@code tomcat:10.1-jre17},
 * {@code gcr.io/distroless/java25-debian12}, {@code openjdk:8u412-jre}.
 */
public final class ImageJavaRelease {

    /** {@code jre17}, {@code jdk-21}, {@code openjdk17} anywhere in the tag. */
    private static final Pattern NAMED_IN_TAG = Pattern.compile(".*(?:jre|jdk)-?(\\d{1,2})(?!\\d).*");
    /** A tag that starts with the release: {@code 25}, {@code 25-jre}, {@code 17.0.12_7-jdk}, {@code 8u412}, {@code 1.8.0}. */
    private static final Pattern LEADING = Pattern.compile("(1\\.8|\\d{1,2})(?:[._u+-].*)?");
    /** A repository of Java images, whose tags start with the release (not {@code ubuntu:24.04}). */
    private static final Pattern JAVA_REPOSITORY = Pattern.compile(
            "(?i).*(jdk|jre|java|temurin|zulu|corretto|liberica|semeru|sapmachine|graalvm|dragonwell).*");
    /** Distroless: {@code java17-debian12}. */
    private static final Pattern NAMED_IN_REPOSITORY = Pattern.compile("java(\\d{1,2})(?:-.*)?");

    private ImageJavaRelease() {
    }

    /** The release the reference names; empty when it names none (a digest without tag, a custom name). */
    public static OptionalInt of(String image) {
        String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int colon = name.lastIndexOf(':');
        String tag = colon > name.lastIndexOf('/') ? name.substring(colon + 1) : "";
        String repository = colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
        Matcher named = NAMED_IN_TAG.matcher(tag);
        if (named.matches()) {
            return OptionalInt.of(Integer.parseInt(named.group(1)));
        }
        Matcher leading = LEADING.matcher(tag);
        if (leading.matches() && JAVA_REPOSITORY.matcher(repository).matches()) {
            return OptionalInt.of(leading.group(1).equals("1.8") ? 8 : Integer.parseInt(leading.group(1)));
        }
        Matcher distroless = NAMED_IN_REPOSITORY.matcher(repository.substring(repository.lastIndexOf('/') + 1));
        if (distroless.matches()) {
            return OptionalInt.of(Integer.parseInt(distroless.group(1)));
        }
        return OptionalInt.empty();
    }
}
