package dev.lithair.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on this machine, for servers a test starts on a port it must name in advance (a cluster's
 * members, which list each other). A server that can take any port should bind to port 0 instead.
 *
 * <p>The ports are taken below the system's ephemeral range when it is known (Linux's
 * {@code ip_local_port_range}): the ports the system hands out on its own (to an outgoing connection, or to
 * a server on port 0, such as another member's web server) come from that range, so one of them could take
 * a port found free here before the member that was to listen on it starts, and that member would fail with
 * "address already in use". Only another process naming the same port can still take it.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS_PER_PORT = 50;

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
        int ephemeralStart = ephemeralRangeStart();
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            List<Integer> ports = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ServerSocket socket = ephemeralStart > LOWEST + 1_000 ? belowEphemeralRange(ephemeralStart)
                        : new ServerSocket(0);
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

    /** A socket bound to a random free port between {@value #LOWEST} and the ephemeral range. */
    private static ServerSocket belowEphemeralRange(int ephemeralStart) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS_PER_PORT; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralStart);
            ServerSocket socket = new ServerSocket();
            try {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
                return socket;
            } catch (IOException taken) {
                socket.close();
                last = taken;
            }
        }
        throw new IOException("no free port below " + ephemeralStart + " after " + ATTEMPTS_PER_PORT + " tries", last);
    }

    /** The first port of the system's ephemeral range, or 0 when it is not known. */
    private static int ephemeralRangeStart() {
        try {
            if (Files.isReadable(EPHEMERAL_RANGE)) {
                // Read as a line: Files.readString trusts the size a /proc file reports, which is not its length.
                try (java.io.BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
                    return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // Not Linux, or a range this code does not understand: ports from the system's own choice.
        }
        return 0;
    }
}
