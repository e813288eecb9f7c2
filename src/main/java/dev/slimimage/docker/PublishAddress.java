package dev.slimimage.docker;

import java.net.URI;
import java.util.Locale;

/**
 * Where a container's published port is bound and reached. The port opens on the daemon's host: for a local socket or
 * a daemon on loopback that is 127.0.0.1 (nothing else sees it); for a remote daemon it is the address we reach the
 * daemon at, since its loopback is not ours, and a host name binds all of the daemon host's interfaces.
 *
 * @param bindIp the host IP the daemon binds the port to
 * @param probeHost the host name or IP to connect to
 */
public record PublishAddress(String bindIp, String probeHost) {

    private static final PublishAddress LOOPBACK = new PublishAddress("127.0.0.1", "127.0.0.1");

    /** @param daemonHost the daemon's address, {@code unix:///…} or {@code tcp://host:port} */
    public static PublishAddress of(String daemonHost) {
        if (!DaemonEngine.isRemote(daemonHost)) {
            return LOOPBACK;
        }
        String host = URI.create("tcp://" + daemonHost.substring("tcp://".length())).getHost();
        if (host == null || isLoopback(host)) {
            return LOOPBACK;
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        boolean literal = bare.matches("[0-9.]+") || bare.contains(":");
        return new PublishAddress(literal ? bare : "0.0.0.0", host);
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
