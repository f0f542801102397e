package dev.lithair.sample.iot.ingest;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * The newest batches applied since start-up, kept so that {@code /api/test-duplicates} can send them
 * again. Bounded by the readings they hold ({@value #MAX_READINGS}), so it never grows with ingestion.
 * Thread-safe.
 */
@Component
public class RecentBatches {

    static final int MAX_READINGS = 10_000;

    private final Deque<BatchReadingsAdded> batches = new ArrayDeque<>();
    private long readings;

    public synchronized void remember(BatchReadingsAdded batch) {
        batches.addLast(batch);
        readings += batch.readings().size();
        while (readings > MAX_READINGS && batches.size() > 1) {
            readings -= batches.removeFirst().readings().size();
        }
    }

    /** Up to {@code count} of the newest batches, oldest first. */
    public synchronized List<BatchReadingsAdded> newest(int count) {
        List<BatchReadingsAdded> all = new ArrayList<>(batches);
        return List.copyOf(all.subList(Math.max(0, all.size() - count), all.size()));
    }
}
