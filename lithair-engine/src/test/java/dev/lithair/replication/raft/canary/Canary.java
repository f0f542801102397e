package dev.lithair.replication.raft.canary;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A class a hostile peer names in an object stream. Its static initialiser runs the first time
 * anything instantiates it; the tests refer to it by name only, so only a deserialiser could.
 */
public class Canary implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The class's name, written out so that naming it does not load it. */
    public static final String NAME = "dev.lithair.replication.raft.canary.Canary";

    private static final AtomicBoolean INITIALISED = CanaryFlags.flag(NAME);

    static {
        INITIALISED.set(true);
    }

    int x;
}
