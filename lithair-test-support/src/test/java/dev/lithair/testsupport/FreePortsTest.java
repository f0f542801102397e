package dev.lithair.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.util.List;

import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void handsOutDistinctPortsThatCanBeBound() throws Exception {
        // when
        List<Integer> ports = FreePorts.distinct(3);

        // then
        assertThat(ports).hasSize(3).doesNotHaveDuplicates().allSatisfy(port -> assertThat(port).isPositive());
        for (int port : ports) {
            try (ServerSocket bound = new ServerSocket(port)) {
                assertThat(bound.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void handsOutPortsTheSystemDoesNotPickForConnectionsWhenItsRangeIsKnown() throws Exception {
        java.nio.file.Path range = java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isReadable(range), "Linux only");
        int ephemeralStart;
        try (java.io.BufferedReader reader = java.nio.file.Files.newBufferedReader(range)) {
            ephemeralStart = Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(ephemeralStart > 11_000, "an ephemeral range leaving room");

        assertThat(FreePorts.distinct(5)).allSatisfy(port -> assertThat(port).isBetween(10_000, ephemeralStart - 1));
    }

    @Test
    void refusesToHandOutNoPort() {
        assertThatThrownBy(() -> FreePorts.distinct(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
