package dev.lithair.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports on this machine, for servers a test starts on a port it must name in advance (a cluster's
 * members, which list each other). A server that can take any port should bind to port 0 instead: a port
 * found free here may be taken by another process before the test binds it.
 */
public final class FreePorts {

    private FreePorts() {
    }

    /** One free port. */
    public static int one() {
        return distinct(1).get(0);
    }

    /**
     * {@code count} distinct free ports: every socket stays open until all are taken, since a port closed
     * before the next one is asked for may be handed out again.
     */
    public static List<Integer> distinct(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            List<Integer> ports = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
            return List.copyOf(ports);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // A port we could not close is still a port nobody else has; the test goes on.
                }
            }
        }
    }
}
