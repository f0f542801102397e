package dev.lithair.spring.transaction;

import java.util.Objects;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.SmartTransactionObject;

import dev.lithair.spring.core.CurrentWrites;
import dev.lithair.spring.core.LithairCommitter;
import dev.lithair.spring.core.StagedWrites;
import dev.lithair.store.LithairStore;
import dev.lithair.store.spi.CommitResult;

/**
 * A {@link org.springframework.transaction.PlatformTransactionManager} for one {@link LithairStore}:
 * the saves and deletes of a transaction are held in {@link StagedWrites} bound to the thread
 * ({@link CurrentWrites}), and
 * committed as one atomic {@link dev.lithair.store.spi.Commit} (one log record) when the transaction
 * commits; a rollback drops them, so nothing of the transaction ever reaches the store.
 *
 * <p>Reads inside the transaction see the store's latest committed state with the transaction's own
 * staged writes on top (read-your-writes); other threads see none of them until the commit.
 * Concurrent transactions are not isolated from each other beyond that: {@code @Version} fields,
 * checked atomically at commit, detect lost updates. A rejected commit (stale version, unique or
 * immutable violation) fails the transaction's commit with the translated
 * {@link org.springframework.dao.DataAccessException} and applies nothing. Committed changes are
 * published after the transaction has completed, outside it.
 *
 * <p>Thread-safe, as every transaction manager: each thread's transaction is its own.
 */
public class LithairTransactionManager extends AbstractPlatformTransactionManager
        implements ResourceTransactionManager {

    /** The store the transactions write to. */
    private final LithairStore store;
    /** Commits each transaction's writes. */
    private final LithairCommitter committer;

    /**
     * A transaction manager committing through {@code committer}.
     *
     * @param committer commits each transaction's writes
     */
    public LithairTransactionManager(LithairCommitter committer) {
        this.committer = Objects.requireNonNull(committer, "committer");
        this.store = committer.store();
        setNestedTransactionAllowed(false);
    }

    /** The store whose writes this manager groups; also the key its staged writes are bound under. */
    @Override
    public LithairStore getResourceFactory() {
        return store;
    }

    @Override
    protected Object doGetTransaction() {
        return new LithairTransaction(CurrentWrites.of(store));
    }

    @Override
    protected boolean isExistingTransaction(Object transaction) {
        return ((LithairTransaction) transaction).writes != null;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        LithairTransaction tx = (LithairTransaction) transaction;
        tx.writes = new StagedWrites(definition.isReadOnly());
        tx.newWrites = true;
        CurrentWrites.bind(store, tx.writes);
    }

    @Override
    protected Object doSuspend(Object transaction) {
        ((LithairTransaction) transaction).writes = null;
        Object suspended = CurrentWrites.unbind(store);
        if (suspended == null) {
            throw new IllegalStateException("No Lithair writes bound to suspend for " + store);
        }
        return suspended;
    }

    @Override
    protected void doResume(Object transaction, Object suspendedResources) {
        CurrentWrites.bind(store, (StagedWrites) suspendedResources);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        LithairTransaction tx = (LithairTransaction) status.getTransaction();
        StagedWrites writes = tx.writes;
        writes.complete();
        if (!writes.isEmpty()) {
            tx.result = committer.commit(writes);
        }
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        ((LithairTransaction) status.getTransaction()).writes.complete();
    }

    @Override
    protected void doSetRollbackOnly(DefaultTransactionStatus status) {
        ((LithairTransaction) status.getTransaction()).writes.markRollbackOnly();
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        LithairTransaction tx = (LithairTransaction) transaction;
        if (tx.newWrites) {
            CurrentWrites.unbind(store);
            tx.writes.complete();
        }
        if (tx.result != null) {
            CommitResult result = tx.result;
            tx.result = null;
            committer.publish(tx.writes, result);
        }
    }

    /** The transaction object: the staged writes it uses, and whether it opened them. */
    private static final class LithairTransaction implements SmartTransactionObject {
        private StagedWrites writes;
        private boolean newWrites;
        private CommitResult result;

        LithairTransaction(StagedWrites writes) {
            this.writes = writes;
        }

        @Override
        public boolean isRollbackOnly() {
            return writes != null && writes.isRollbackOnly();
        }

        @Override
        public void flush() {
            // writes are committed as one batch at the end; nothing to flush before
        }
    }
}
