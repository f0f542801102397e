package dev.lithair.store;

import java.nio.file.Path;

/**
 * Where a store is between its creation and its start, checked before every read and commit: a store that
 * is created but not started holds an empty state, so a read would answer "absent" for an entity that is on
 * disk. A store starts once; one whose start failed may hold part of a recovery and is not started again.
 *
 * <p>Thread-safe: transitions happen under the store's start lock; checks are one volatile read.
 */
final class StartGate {

    private enum Stage { CREATED, STARTING, STARTED, FAILED }

    private final Path dataDirectory;
    private volatile Stage stage = Stage.CREATED;

    StartGate(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** Marks the start as under way, refusing a second start, a failed store and a closed one. */
    void beginStart(boolean closed) {
        if (closed) {
            throw new IllegalStateException("The Lithair store in " + dataDirectory + " is closed: it cannot be "
                    + "started; create a new store");
        }
        if (stage != Stage.CREATED) {
            throw new IllegalStateException("The Lithair store in " + dataDirectory + " is " + describe()
                    + ": start() is called once; create a new store to try again");
        }
        stage = Stage.STARTING;
    }

    void opened() {
        stage = Stage.STARTED;
    }

    void failed() {
        stage = Stage.FAILED;
    }

    boolean isOpen() {
        return stage == Stage.STARTED;
    }

    /** Fails unless the store is started (a closed store was started first, and stays readable). */
    void check() {
        if (stage != Stage.STARTED) {
            throw refusal();
        }
    }

    IllegalStateException refusal() {
        return new IllegalStateException("The Lithair store in " + dataDirectory + " is " + describe()
                + ": it serves reads and commits only once start() has opened its data directory");
    }

    private String describe() {
        return switch (stage) {
            case CREATED -> "created but not started";
            case STARTING -> "starting (recovering its state)";
            case STARTED -> "started";
            case FAILED -> "not open: its start failed";
        };
    }
}
