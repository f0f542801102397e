package dev.lithair.spring.tenancy;

import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.lithair.spring.core.CurrentWrites;
import dev.lithair.spring.core.StagedWrites;

/**
 * The unit of work of one transaction with tenants enabled, and the tenant it commits to: the first
 * tenant a repository call inside it acts for. From then on its staged writes are bound to that tenant's
 * store (so the tenant's template reads and stages through them, as in a single store), the store stays
 * pinned until the transaction completes, and a call as another tenant is refused.
 *
 * <p>Bound to the thread by {@link TenantTransactionManager}, keyed by the {@link TenantStores}. Not
 * thread-safe: a transaction belongs to its thread.
 */
final class TenantTransaction {

    private final StagedWrites writes;
    private OpenTenant tenant;

    TenantTransaction(StagedWrites writes) {
        this.writes = writes;
    }

    /** The transaction bound to the calling thread, or {@code null}. */
    static TenantTransaction current(TenantStores stores) {
        return (TenantTransaction) TransactionSynchronizationManager.getResource(stores);
    }

    /**
     * Makes a call as {@code tenantId} part of this transaction: the first one fixes its tenant, a later one
     * as another tenant is refused.
     */
    void join(String tenantId, TenantStores stores) {
        if (tenant == null) {
            tenant = stores.acquire(tenantId);
            CurrentWrites.bind(tenant.store(), writes);
        } else if (!tenant.id().equals(tenantId)) {
            throw new IllegalTransactionStateException("This transaction commits to the store of tenant '"
                    + tenant.id() + "' and cannot also act for tenant '" + tenantId + "': a transaction commits "
                    + "to one tenant's store. Run the work for the other tenant in a transaction of its own "
                    + "(Propagation.REQUIRES_NEW) or after this one");
        }
    }

    /** Takes the staged writes off the thread while the transaction is suspended. */
    void suspend() {
        if (tenant != null) {
            CurrentWrites.unbind(tenant.store());
        }
    }

    /** Puts the staged writes back on the thread when the transaction resumes. */
    void resume() {
        if (tenant != null) {
            CurrentWrites.bind(tenant.store(), writes);
        }
    }

    /** Unbinds the staged writes and releases the tenant's store, once the transaction has completed. */
    void end(TenantStores stores) {
        if (tenant != null) {
            CurrentWrites.unbind(tenant.store());
            stores.release(tenant);
        }
    }

    StagedWrites writes() {
        return writes;
    }

    /** {@return the tenant the transaction commits to, or {@code null} before its first repository call} */
    OpenTenant tenant() {
        return tenant;
    }
}
