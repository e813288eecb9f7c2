package dev.slimimage.verify;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** Whether something in the container accepts connections on a port the daemon published at {@code address}. */
@FunctionalInterface
interface PortProbe {

    boolean accepts(String address, int hostPort);

    /**
     * A plain connect is not enough: Docker's userland proxy accepts every connection on a published port and closes
     * it at once when nothing listens in the container. So the connection must also stay open, silent or sending, for
     * a moment; a server that accepts and closes straight away counts as not open.
     */
    PortProbe TCP = (address, hostPort) -> {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, hostPort), 1000);
            socket.setSoTimeout(500);
            InputStream in = socket.getInputStream();
            try {
                return in.read() >= 0;
            } catch (SocketTimeoutException openAndSilent) {
                return true;
            }
        } catch (IOException refusedOrClosed) {
            return false;
        }
    };
}
