package dev.lithair.replication.raft.canary;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicBoolean;

/** The same as {@link Canary}, for the control that shows a Hessian reader does instantiate what a stream names. */
public class ControlCanary implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String NAME = "dev.lithair.replication.raft.canary.ControlCanary";

    private static final AtomicBoolean INITIALISED = CanaryFlags.flag(NAME);

    static {
        INITIALISED.set(true);
    }

    int x;
}
