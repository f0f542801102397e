package dev.lithair.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.lithair.benchmarks.CommandLines;

/** The child's command line, as {@link HarnessRunner#start} writes it, reads back into its parts. */
class WorkloadProcessArgumentsTest {

    @Test
    void positionalPartsThenTheWorkloadsOptions() {
        WorkloadProcess.Arguments arguments = CommandLines.parse(new WorkloadProcess.Arguments(), new String[] {
            "writes", "lithair-always", "/tmp/data", "ops=100", "capMillis=2000", "threads=1,16,64"});

        assertThat(arguments.workload).isEqualTo("writes");
        assertThat(arguments.system).isEqualTo("lithair-always");
        assertThat(arguments.dataDir).isEqualTo(Path.of("/tmp/data"));
        assertThat(arguments.options).containsExactlyInAnyOrderEntriesOf(
                Map.of("ops", "100", "capMillis", "2000", "threads", "1,16,64"));
    }

    @Test
    void aWorkloadWithoutOptions() {
        WorkloadProcess.Arguments arguments = CommandLines.parse(new WorkloadProcess.Arguments(), new String[] {
            "restart-target", "lithair-always", "/tmp/data"});

        assertThat(arguments.options).isEmpty();
    }
}
