package dev.lithair.spring.boot.autoconfigure;

import java.util.Locale;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

import dev.lithair.spring.boot.autoconfigure.admin.LithairStoreReport;
import dev.lithair.store.LithairStore;
import dev.lithair.store.StoreOptions;

/**
 * The {@code lithair} actuator endpoint ({@code /actuator/lithair} once exposed): the store's statistics
 * and how it stores. Read-only; the admin routes are where operators act.
 */
@Endpoint(id = "lithair")
public class LithairEndpoint {

    private final LithairStore store;
    private final LithairEntityModels models;

    /**
     * The endpoint over a store.
     *
     * @param store  the store
     * @param models its entity types
     */
    public LithairEndpoint(LithairStore store, LithairEntityModels models) {
        this.store = store;
        this.models = models;
    }

    /**
     * What the endpoint shows.
     *
     * @param mode    {@code single-node}, or {@code raft} when the store commits through a Raft cluster
     * @param stats   the store's statistics
     * @param storage how the store writes: fsync policy, format, snapshot cadence, hash chain
     */
    public record LithairDescriptor(String mode, LithairStoreReport stats, Storage storage) {
    }

    /**
     * How the store writes.
     *
     * @param fsync               when the log is forced: {@code always}, {@code batch} or {@code never}
     * @param format              format of new records and snapshots: {@code json} or {@code binary}
     * @param segmentBytes        size at which the active log segment is closed and a new one started
     * @param snapshotEveryEvents events between snapshots; 0 takes them only on demand
     * @param snapshotsRetained   snapshots kept on disk
     * @param hashChain           whether each record carries the SHA-256 of the record before it
     */
    public record Storage(String fsync, String format, long segmentBytes, long snapshotEveryEvents,
            int snapshotsRetained, boolean hashChain) {
    }

    /** {@return what the store holds, its configuration and its recovery} */
    @ReadOperation
    public LithairDescriptor lithair() {
        StoreOptions options = store.options();
        return new LithairDescriptor(store.isReplicated() ? "raft" : "single-node", LithairStoreReport.of(store, models.names()),
                new Storage(options.fsyncPolicy().name().toLowerCase(Locale.ROOT),
                        options.format().name().toLowerCase(Locale.ROOT), options.segmentBytes(),
                        options.snapshotEveryEvents(), options.snapshotsRetained(), options.hashChain()));
    }
}
