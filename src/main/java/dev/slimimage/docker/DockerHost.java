package dev.slimimage.docker;

import java.net.URI;
import java.util.Locale;

/** Checks a daemon address before docker-java sees it: it fails on bad ones with a NullPointerException or worse. */
final class DockerHost {

    private static final String FORMS = "use unix:///path/to/docker.sock or tcp://host:port";

    private DockerHost() {
    }

    /**
     * @param source where the value came from, e.g. {@code dockerHost (slim.dockerHost)} or {@code DOCKER_HOST}
     * @return the value, stripped
     */
    static String checked(String value, String source) throws DockerHostException {
        String v = value.strip();
        int separator = v.indexOf("://");
        String scheme = separator < 0 ? "" : v.substring(0, separator).toLowerCase(Locale.ROOT);
        String rest = separator < 0 ? v : v.substring(separator + 3);
        switch (scheme) {
            case "unix" -> {
                if (!rest.startsWith("/") || rest.length() < 2) {
                    throw invalid(v, source, "a unix address needs the socket's absolute path");
                }
            }
            case "tcp" -> checkTcp(v, rest, source);
            case "npipe" -> {
                if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
                    throw invalid(v, source, "named pipes exist only on Windows");
                }
            }
            case "ssh" -> throw new DockerHostException(source + " '" + v + "' uses ssh://, which the plugin cannot speak: forward "
                    + "the remote socket (ssh -NL /tmp/docker.sock:/var/run/docker.sock host) and use unix:///tmp/docker.sock, "
                    + "or use tcp://host:2376 with TLS.");
            default -> throw invalid(v, source, "it has no unix:// or tcp:// scheme");
        }
        return v;
    }

    private static void checkTcp(String value, String rest, String source) throws DockerHostException {
        URI uri;
        try {
            uri = URI.create("tcp://" + rest);
        } catch (IllegalArgumentException e) {
            throw invalid(value, source, "it is not a valid address");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalid(value, source, "it names no host");
        }
        // No port at all is the Docker CLI's default port (withDefaultPort); "host:" is a port left out by mistake.
        boolean noPort = uri.getPort() == -1 && !uri.getRawAuthority().endsWith(":");
        if (!noPort && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            throw invalid(value, source, "it names no port from 1 to 65535 (2375 plain, 2376 with TLS)");
        }
    }

    /**
     * A {@code tcp://} address without a port gets the Docker CLI's default: 2376 with TLS, 2375 without. Any other
     * address is returned as it is.
     */
    static String withDefaultPort(String checkedHost, boolean tls) {
        if (!checkedHost.toLowerCase(Locale.ROOT).startsWith("tcp://")) {
            return checkedHost;
        }
        URI uri = URI.create(checkedHost);
        if (uri.getPort() != -1) {
            return checkedHost;
        }
        return "tcp://" + uri.getRawAuthority() + ":" + (tls ? 2376 : 2375) + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }

    private static DockerHostException invalid(String value, String source, String why) {
        return new DockerHostException(source + " '" + value + "' is not a Docker daemon address (" + why + "): " + FORMS + ".");
    }
}
