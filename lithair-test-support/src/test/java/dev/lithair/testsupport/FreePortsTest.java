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
    void refusesToHandOutNoPort() {
        assertThatThrownBy(() -> FreePorts.distinct(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
