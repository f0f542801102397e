package dev.lithair.spring.tenancy;

import java.util.Objects;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.ResourceTransactionManager;
import org.springframework.transaction.support.SmartTransactionObject;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.lithair.spring.core.StagedWrites;
import dev.lithair.store.spi.CommitResult;

/**
 * The transaction manager with tenants enabled: a transaction's saves and deletes are staged, as with one
 * store, and committed as one atomic commit to the store of the tenant its first repository call acted for
 * ({@link TenantTransaction}); a call as another tenant inside it is refused. A transaction that makes no
 * repository call commits nothing and needs no tenant.
 *
 * <p>Everything else is as in {@code LithairTransactionManager}: read-your-writes inside, nothing visible
 * outside before the commit, a rejected commit applies nothing, committed changes published after
 * completion. Thread-safe, as every transaction manager: each thread's transaction is its own.
 */
public class TenantTransactionManager extends AbstractPlatformTransactionManager
        implements ResourceTransactionManager {

    /** The tenants' stores: their transactions are bound under it. */
    private final TenantStores stores;

    /**
     * A transaction manager over the tenants' stores.
     *
     * @param stores the tenants' stores
     */
    public TenantTransactionManager(TenantStores stores) {
        this.stores = Objects.requireNonNull(stores, "stores");
        setNestedTransactionAllowed(false);
    }

    /** The tenants' stores: the key the transaction is bound under. */
    @Override
    public TenantStores getResourceFactory() {
        return stores;
    }

    @Override
    protected Object doGetTransaction() {
        return new Transaction(TenantTransaction.current(stores));
    }

    @Override
    protected boolean isExistingTransaction(Object transaction) {
        return ((Transaction) transaction).unit != null;
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        Transaction tx = (Transaction) transaction;
        tx.unit = new TenantTransaction(new StagedWrites(definition.isReadOnly()));
        tx.newUnit = true;
        TransactionSynchronizationManager.bindResource(stores, tx.unit);
    }

    @Override
    protected Object doSuspend(Object transaction) {
        Transaction tx = (Transaction) transaction;
        tx.unit = null;
        TenantTransaction suspended = (TenantTransaction) TransactionSynchronizationManager.unbindResource(stores);
        suspended.suspend();
        return suspended;
    }

    @Override
    protected void doResume(Object transaction, Object suspendedResources) {
        TenantTransaction resumed = (TenantTransaction) suspendedResources;
        TransactionSynchronizationManager.bindResource(stores, resumed);
        resumed.resume();
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        Transaction tx = (Transaction) status.getTransaction();
        StagedWrites writes = tx.unit.writes();
        writes.complete();
        if (!writes.isEmpty()) {
            tx.result = tx.unit.tenant().committer().commit(writes);
        }
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        ((Transaction) status.getTransaction()).unit.writes().complete();
    }

    @Override
    protected void doSetRollbackOnly(DefaultTransactionStatus status) {
        ((Transaction) status.getTransaction()).unit.writes().markRollbackOnly();
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        Transaction tx = (Transaction) transaction;
        if (!tx.newUnit) {
            return;
        }
        TransactionSynchronizationManager.unbindResourceIfPossible(stores);
        tx.unit.writes().complete();
        tx.unit.end(stores);
        if (tx.result != null) {
            CommitResult result = tx.result;
            tx.result = null;
            // after the unbinding, so that a listener's own repository calls run as calls of their own
            tx.unit.tenant().committer().publish(tx.unit.writes(), result);
        }
    }

    /** The transaction object: its unit of work, whether it began it, and what its commit did. */
    private static final class Transaction implements SmartTransactionObject {
        private TenantTransaction unit;
        private boolean newUnit;
        private CommitResult result;

        Transaction(TenantTransaction unit) {
            this.unit = unit;
        }

        @Override
        public boolean isRollbackOnly() {
            return unit != null && unit.writes().isRollbackOnly();
        }

        @Override
        public void flush() {
            // writes are committed as one batch at the end; nothing to flush before
        }
    }
}
