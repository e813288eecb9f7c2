package dev.slimimage.verify;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to check a built image.
 *
 * @param dockerHost the user's explicit daemon address; empty for the default discovery
 * @param project names the project whose verify containers these are: a label with it lets a later run remove
 *                what an interrupted run left, and nothing of other projects
 * @param expectedOutput a line the container must print
 * @param httpPath a path that must answer 2xx/3xx on {@code containerPort}, published on a loopback port
 * @param containerPort the port for the HTTP check, or the port check that runs when there is no output to wait for;
 *                      empty for the image's first exposed TCP port, {@value #NO_PORT_CHECK} for no port check
 * @param timeout how long to wait for the output or the HTTP answer
 * @param runFor how long a container that prints nothing expected must keep running (or exit 0 within) to pass
 */
public record VerifyPlan(
        String image,
        Optional<String> dockerHost,
        String project,
        List<String> args,
        Optional<String> expectedOutput,
        Optional<String> httpPath,
        OptionalInt containerPort,
        Duration timeout,
        Duration runFor) {

    public static final int NO_PORT_CHECK = 0;

    public VerifyPlan {
        args = List.copyOf(args);
    }
}
