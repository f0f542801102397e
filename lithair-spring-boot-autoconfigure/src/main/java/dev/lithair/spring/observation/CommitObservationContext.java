package dev.lithair.spring.observation;

import java.util.List;
import java.util.TreeSet;

import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import io.micrometer.observation.Observation;

/**
 * What a {@code lithair.commit} observation knows of its commit: what it writes when it starts, how it
 * ended and how long it waited for its force when it stops. Filled on the committing thread.
 */
public class CommitObservationContext extends Observation.Context {

    private final List<String> entityTypes;
    private final int operationCount;
    private CommitOutcome outcome = CommitOutcome.SUCCESS;
    private CommitResult result;
    private long forceWaitNanos = -1;

    /**
     * The context of a commit, with what it writes.
     *
     * @param commit the commit observed
     */
    public CommitObservationContext(Commit commit) {
        TreeSet<String> types = new TreeSet<>();
        for (Operation operation : commit.operations()) {
            types.add(operation.entityType());
        }
        this.entityTypes = List.copyOf(types);
        this.operationCount = commit.operations().size();
    }

    /** {@return the entity types the commit writes, sorted, each once} */
    public List<String> getEntityTypes() {
        return entityTypes;
    }

    /** {@return how many operations the commit holds} */
    public int getOperationCount() {
        return operationCount;
    }

    /** {@return how the commit ended; success until told otherwise} */
    public CommitOutcome getOutcome() {
        return outcome;
    }

    /** {@return the commit's result; {@code null} until it succeeded} */
    public CommitResult getResult() {
        return result;
    }

    /** {@return the nanoseconds the commit waited for its force; negative when not known (failed, or a cluster)} */
    public long getForceWaitNanos() {
        return forceWaitNanos;
    }

    /**
     * The commit is durable.
     *
     * @param committed what the store answered
     */
    public void succeeded(CommitResult committed) {
        this.result = committed;
        this.outcome = committed.duplicate() ? CommitOutcome.DUPLICATE : CommitOutcome.SUCCESS;
    }

    /**
     * The store refused the commit with {@code failure}, as the engine threw it: its kind gives the outcome. The
     * observation's error is what the caller gets, the Spring exception it is translated into.
     *
     * @param failure the engine's exception
     */
    public void failed(Throwable failure) {
        this.outcome = CommitOutcome.of(failure);
    }

    /**
     * What the store told of the commit's wait for its force.
     *
     * @param nanos how long the commit waited for its force
     */
    public void forceWaited(long nanos) {
        this.forceWaitNanos = nanos;
    }
}
