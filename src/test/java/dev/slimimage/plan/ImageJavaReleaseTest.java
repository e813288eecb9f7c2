package dev.slimimage.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageJavaReleaseTest {

    @ParameterizedTest
    @CsvSource({"eclipse-temurin:25-jre, 25", "eclipse-temurin:17-jdk, 17", "eclipse-temurin:17.0.12_7-jdk, 17",
        "eclipse-temurin:21, 21", "tomcat:10.1-jre17, 17", "gcr.io/distroless/java25-debian12, 25",
        "gcr.io/distroless/java17-debian12:nonroot, 17", "openjdk:8u412-jre, 8", "azul/zulu-openjdk:1.8.0, 8",
        "registry.example.com:5000/base/eclipse-temurin:21-jre@sha256:0123, 21", "bellsoft/liberica-runtime-container:jdk-21-slim, 21"})
    void readsTheReleaseTheReferenceNames(String image, int release) {
        assertThat(ImageJavaRelease.of(image)).isEqualTo(OptionalInt.of(release));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gcr.io/distroless/cc-debian12", "registry.example.com:5000/my-runtime:stable",
        "my-runtime@sha256:0123", "ubuntu:24.04"})
    void namesNoneWhereTheReferenceDoesNot(String image) {
        assertThat(ImageJavaRelease.of(image)).isEmpty();
    }
}
