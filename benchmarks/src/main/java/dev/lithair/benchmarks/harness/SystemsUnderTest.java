package dev.lithair.benchmarks.harness;

import java.nio.file.Path;
import java.util.List;

import dev.lithair.benchmarks.harness.axon.AxonSystem;
import dev.lithair.benchmarks.harness.eclipsestore.EclipseStoreSystem;
import dev.lithair.benchmarks.harness.jpa.JpaSystem;
import dev.lithair.benchmarks.harness.limits.PhysicalLimitSystem;
import dev.lithair.benchmarks.harness.lithair.LithairSystem;

/** The systems the harness knows, by the name the report uses. */
public final class SystemsUnderTest {

    /** Every system, in the report's order; the physical limit last. */
    public static final List<String> ALL = List.of("lithair-always", "lithair-batch", "jpa-h2", "jpa-postgres",
            "eclipsestore", "axon", "physical-limit");

    private SystemsUnderTest() {
    }

    /** What a durable write means for each system as the harness configures it, for the report. */
    public static String durability(String name) {
        switch (name) {
            case "lithair-always":
                return "fsync before each save returns (lithair.storage.fsync=always, group commit)";
            case "lithair-batch":
                return "fsync at most every 10 ms (lithair.storage.fsync=batch): power loss may lose the last 10 ms";
            case "lithair-virtual":
                return "as lithair-always; the shop serves its requests on virtual threads "
                        + "(spring.threads.virtual.enabled=true, JDK 21 or later)";
            case "jpa-h2":
                return "H2 writes each commit to its file (WRITE_DELAY=0) but has no setting to force it: "
                        + "safe against a process crash, not against power loss";
            case "jpa-postgres":
                return "synchronous_commit=on, fsync=on: each commit forced before it returns";
            case "eclipsestore":
                return "store() returns once EclipseStore's storage channel has written the change to its data file; "
                        + "EclipseStore offers no per-commit fsync setting (whether its writer forces is not configurable)";
            case "axon":
                return "a command returns once its unit of work has committed the JPA transaction that inserted its "
                        + "events into H2 (WRITE_DELAY=0, as jpa-h2): safe against a process crash, not against power loss";
            case "physical-limit":
                return "write + force of each record, one at a time";
            default:
                return "";
        }
    }

    /**
     * Opens a system on an empty data directory.
     *
     * @param historized whether the product's changes are kept (Lithair {@code @Historize(FULL)} on the
     *                   price, Envers {@code @Audited} on JPA), for the history workload
     */
    public static SystemUnderTest open(String name, Path dataDir, boolean historized) {
        switch (name) {
            case "lithair-always":
                return new LithairSystem(dataDir, "always", historized);
            case "lithair-batch":
                return new LithairSystem(dataDir, "batch", historized);
            case "jpa-h2":
                return new JpaSystem(dataDir, "h2", historized);
            case "jpa-postgres":
                return new JpaSystem(dataDir, "postgres", historized);
            case "eclipsestore":
                return new EclipseStoreSystem(dataDir);
            case "axon":
                return new AxonSystem(dataDir);
            case "physical-limit":
                return new PhysicalLimitSystem(dataDir);
            default:
                throw new IllegalArgumentException("unknown system " + name + "; known: " + ALL);
        }
    }
}
