package dev.lithair.store;

import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.SnapshotInfo;

/**
 * The observers registered with a store, notified in registration order; an observer that throws is
 * logged and the others are still notified. Thread-safe: observers may be added and removed while the
 * store's threads notify.
 */
final class StoreObservers implements StoreObserver {

    private static final Logger log = LoggerFactory.getLogger(StoreObservers.class);

    private final CopyOnWriteArrayList<StoreObserver> observers = new CopyOnWriteArrayList<>();

    void add(StoreObserver observer) {
        observers.add(observer);
    }

    void remove(StoreObserver observer) {
        observers.remove(observer);
    }

    @Override
    public void committed(CommitResult result, long latencyNanos) {
        for (StoreObserver observer : observers) {
            try {
                observer.committed(result, latencyNanos);
            } catch (RuntimeException e) {
                log.warn("Store observer {} failed on a commit; ignored", observer, e);
            }
        }
    }

    @Override
    public void snapshotWritten(SnapshotInfo info) {
        for (StoreObserver observer : observers) {
            try {
                observer.snapshotWritten(info);
            } catch (RuntimeException e) {
                log.warn("Store observer {} failed on a snapshot; ignored", observer, e);
            }
        }
    }
}
