package dev.lithair.sample.iot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecentBatchesTest {

    private static BatchReadingsAdded batch(String id, int readings) {
        List<SensorReading> list = new ArrayList<>();
        for (int i = 0; i < readings; i++) {
            list.add(new SensorReading("s-" + i, Instant.EPOCH.plusSeconds(i), 1.0));
        }
        return new BatchReadingsAdded(id, list);
    }

    @Test
    void givesTheNewestBatchesOldestFirst() {
        RecentBatches recent = new RecentBatches();
        recent.remember(batch("a", 1));
        recent.remember(batch("b", 1));
        recent.remember(batch("c", 1));

        assertThat(recent.newest(2)).extracting(BatchReadingsAdded::batchId).containsExactly("b", "c");
        assertThat(recent.newest(10)).extracting(BatchReadingsAdded::batchId).containsExactly("a", "b", "c");
    }

    @Test
    void forgetsTheOldestOnceTheReadingsHeldPassTheBound() {
        RecentBatches recent = new RecentBatches();
        int half = RecentBatches.MAX_READINGS / 2;
        recent.remember(batch("old", half));
        recent.remember(batch("middle", half));

        recent.remember(batch("new", 1));

        assertThat(recent.newest(10)).extracting(BatchReadingsAdded::batchId).containsExactly("middle", "new");
    }
}
