package dev.lithair.sample.product.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What the dashboard shows, sent on the change stream at every tick: live counts, the rate of committed
 * events, and the products whose name or price changed since the previous tick (the newest state of each).
 *
 * @param at              when it was computed
 * @param products        live products
 * @param orders          live orders
 * @param users           user accounts
 * @param eventsPerSecond committed events (all entity types) per second over the last tick
 * @param eventsSeen      committed events since the application started
 * @param productChanges  products changed during the last tick, at most {@value ChangeFeed#MAX_PRODUCT_CHANGES}
 */
public record DashboardUpdate(Instant at, long products, long orders, long users, long eventsPerSecond,
        long eventsSeen, List<ProductChange> productChanges) {

    /**
     * The state of one product after a committed change.
     *
     * @param kind     CREATED, UPDATED or DELETED
     * @param sequence the change's position in the log
     */
    public record ProductChange(String id, String kind, String name, String category, BigDecimal price,
            Instant timestamp, long sequence) {
    }
}
