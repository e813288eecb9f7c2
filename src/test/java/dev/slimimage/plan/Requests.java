package dev.slimimage.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The settings of a {@link PlanRequest}, each unset until a test sets it. */
final class Requests {

    String mainClass;
    final List<String> jvmFlags = new ArrayList<>();
    final List<String> args = new ArrayList<>();
    String runtime;
    String builderImage;
    String runtimeImage;
    String locales;
    final List<String> addModules = new ArrayList<>();
    final List<String> excludeModules = new ArrayList<>();
    String user;
    final List<String> ports = new ArrayList<>();
    final Map<String, String> labels = new LinkedHashMap<>();
    String outputTimestamp;
    String servletContainerImage;

    PlanRequest build() {
        return new PlanRequest(mainClass, jvmFlags, args, runtime, builderImage, runtimeImage, locales, addModules, excludeModules,
                user, ports, labels, outputTimestamp, servletContainerImage);
    }
}
