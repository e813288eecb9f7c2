package dev.slimimage.docker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentences for a daemon that failed a request or stopped answering, the same whichever client asked it (docker-java
 * or the JDK's unix socket). Free of docker-java, so that the quick client's failures do not load it.
 */
final class DaemonFailures {

    private static final Pattern JSON_MESSAGE = Pattern.compile("\\{\"message\":\"((?:[^\"\\\\]|\\\\.)*)\"\\}");

    private DaemonFailures() {
    }

    /**
     * @param answers whether the daemon answers a ping now: if not, it stopped answering rather than failed
     * @param doing what the daemon was asked, as "…ing …", e.g. "tagging app:1"
     */
    static DockerException failure(String host, boolean answers, String doing, Throwable e) {
        if (!answers) {
            return unavailable(host, doing, e);
        }
        return new DaemonRequestException("The Docker daemon at " + host + " failed while " + doing + " (" + rootMessage(e)
                + "): run the build again, and if it repeats, look at the daemon's log (journalctl -u docker).", e);
    }

    static DaemonUnavailableException unavailable(String host, String doing, Throwable e) {
        return new DaemonUnavailableException("The Docker daemon at " + host + " stopped answering while " + doing
                + ": check that it is running (docker info, systemctl status docker) and run the build again.", e);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
        if (t != e && e.getMessage() != null && !e.getMessage().contains(message)) {
            message = e.getMessage().strip() + ": " + message.strip();
        }
        return daemonMessage(message.strip());
    }

    /** The daemon's JSON error body ({"message":"…"}), also inside docker-java's "Status 404: …": keep the sentence. */
    static String daemonMessage(String message) {
        Matcher json = JSON_MESSAGE.matcher(message);
        return json.find() ? json.group(1).replace("\\\"", "\"").strip() : message;
    }
}
