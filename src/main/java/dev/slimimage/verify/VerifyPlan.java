package dev.slimimage.verify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to check a built image.
 *
 * @param expectedOutput a line the container must print
 * @param httpPath a path that must answer 2xx/3xx on {@code containerPort}, published on a loopback port
 * @param timeout how long to wait for the output or the HTTP answer
 * @param runFor how long a container that prints nothing expected must keep running (or exit 0 within) to pass
 * @param linkedRuntime whether the image runs a jlink runtime, so missing JDK classes point at missing modules
 */
public record VerifyPlan(
        String image,
        List<String> args,
        Optional<String> expectedOutput,
        Optional<String> httpPath,
        OptionalInt containerPort,
        Duration timeout,
        Duration runFor,
        boolean linkedRuntime) {

    public VerifyPlan {
        args = List.copyOf(args);
    }
}
