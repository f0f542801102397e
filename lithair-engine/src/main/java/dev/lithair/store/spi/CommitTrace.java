package dev.lithair.store.spi;

/**
 * Told what one blocking commit waited for, on the committing thread just before {@code commit} returns,
 * so that the caller can put it on its own trace of the commit (the Spring layer's {@code lithair.commit}
 * observation). Passed per commit, unlike a store observer: the caller learns about its own commit and
 * needs no way to find it among the others.
 *
 * <p>Told nothing when the commit is refused, and nothing by a commit path that cannot tell (a replicated
 * log, whose force happens on the members).
 */
@FunctionalInterface
public interface CommitTrace {

    /**
     * The commit is durable.
     *
     * @param forceWaitNanos time from the commit's record being written to the log until the commit was
     *                       acknowledged to its caller: the wait for the force with {@code fsync=always},
     *                       next to nothing with the other policies, which do not wait for one
     */
    void forceWaited(long forceWaitNanos);
}
