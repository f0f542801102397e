package dev.lithair.spring.boot.autoconfigure.admin;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.lithair.model.EntityModel;
import dev.lithair.replication.TenantReplication;
import dev.lithair.spring.tenancy.OpenTenant;
import dev.lithair.spring.tenancy.TenantIds;
import dev.lithair.spring.tenancy.TenantStores;
import dev.lithair.store.LithairStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The tenants' admin routes, served under {@code lithair.admin.base-path} when tenants are enabled: the list
 * of tenants, one tenant's statistics and export (what the single store's {@code stats} and {@code export}
 * routes answer), and off-boarding. Every call is audited like the other admin routes; errors are RFC 9457
 * problem details; protection is the security filter chain's job.
 *
 * <p>No route creates a tenant: an invalid id is answered 400 and a tenant without a folder 404, before any
 * file is touched. Stats and export open a closed tenant's store, which then closes when idle as any other.
 */
@RestController
public class LithairTenantsController {

    private final TenantStores stores;
    private final LithairAdminAudit audit;
    private final EntityExport export;
    private final TenantReplication replication;

    /**
     * The tenants' admin routes.
     *
     * @param stores the tenants' stores
     * @param models the models of every store's entity types
     * @param view   the application's JSON of its entities: exports leave out what it hides
     * @param audit  where every admin call is recorded
     */
    public LithairTenantsController(TenantStores stores, List<EntityModel<?>> models, EntityJsonView view,
            LithairAdminAudit audit) {
        this(stores, models, view, audit, null);
    }

    /**
     * The tenants' admin routes of a cluster member.
     *
     * @param stores      the tenants' stores
     * @param models      the models of every store's entity types
     * @param view        the application's JSON of its entities: exports leave out what it hides
     * @param audit       where every admin call is recorded
     * @param replication the member the tenants' groups run on; {@code null} on a single node
     */
    public LithairTenantsController(TenantStores stores, List<EntityModel<?>> models, EntityJsonView view,
            LithairAdminAudit audit, TenantReplication replication) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.export = new EntityExport(models, Objects.requireNonNull(view, "view"));
        this.audit = Objects.requireNonNull(audit, "audit");
        this.replication = replication;
    }

    /**
     * {@code GET tenants}: the tenants, in id order; a closed store is not opened to answer.
     *
     * @param request the admin request, for the audit
     * @return the tenants
     */
    @GetMapping("/tenants")
    public List<TenantStores.Status> tenants(HttpServletRequest request) {
        return LithairAdminController.audited(audit, request, "tenants", null, stores::list);
    }

    /**
     * {@code GET tenants/{tenant}/stats}: what the tenant's store holds and how it is doing.
     *
     * @param tenant  the tenant id
     * @param request the admin request, for the audit
     * @return the report
     */
    @GetMapping("/tenants/{tenant}/stats")
    public LithairStoreReport stats(@PathVariable String tenant, HttpServletRequest request) {
        return LithairAdminController.audited(audit, request, "tenant-stats", tenant,
                () -> onExistingTenant(tenant, store -> LithairStoreReport.of(store, export.typeNames())));
    }

    /**
     * {@code GET tenants/{tenant}/cluster}: what this member knows of the tenant's Raft group (role, term,
     * leader, members, indexes, on the leader each follower's lag), as {@code GET cluster} answers for the
     * single store's. A sleeping tenant's group is woken first, as stats open a closed store; on a single
     * node the route answers 404.
     *
     * @param tenant  the tenant id
     * @param request the admin request, for the audit
     * @return the group's status on this member
     */
    @GetMapping("/tenants/{tenant}/cluster")
    public LithairAdminController.ClusterReport cluster(@PathVariable String tenant, HttpServletRequest request) {
        return LithairAdminController.audited(audit, request, "tenant-cluster", tenant, () -> {
            if (replication == null) {
                throw LithairAdminController.problem(HttpStatus.NOT_FOUND, "Not a cluster member",
                        "This node runs alone: its tenants have no Raft group.");
            }
            return onExistingTenant(tenant,
                    store -> LithairAdminController.ClusterReport.of(replication.tenantStatus(tenant)));
        });
    }

    /**
     * {@code GET tenants/{tenant}/export/{type}}: every live entity of a type in the tenant's store, one JSON
     * document per line, as the single store's export writes them.
     *
     * @param tenant   the tenant id
     * @param type     the entity type's name
     * @param request  the admin request, for the audit
     * @param response where the lines are written
     */
    @GetMapping("/tenants/{tenant}/export/{type}")
    public void export(@PathVariable String tenant, @PathVariable String type, HttpServletRequest request,
            HttpServletResponse response) {
        LithairAdminController.audited(audit, request, "tenant-export", tenant + "/" + type,
                () -> onExistingTenant(tenant, store -> {
                    export.write(store, type, response);
                    return null;
                }));
    }

    /**
     * {@code DELETE tenants/{tenant}?confirm={tenant}}: off-boards a tenant, closing its store and deleting
     * its folder. The confirmation must repeat the tenant id, so that a slip of the path deletes nothing; a
     * tenant in use by a running call or transaction is refused with 409 rather than deleted under it, and so
     * is every deletion in a cluster, not supported yet.
     *
     * @param tenant  the tenant id
     * @param confirm the tenant id again
     * @param request the admin request, for the audit
     * @return 204 once deleted
     */
    @DeleteMapping("/tenants/{tenant}")
    public ResponseEntity<Void> delete(@PathVariable String tenant,
            @RequestParam(name = "confirm", required = false) String confirm, HttpServletRequest request) {
        return LithairAdminController.audited(audit, request, "tenant-delete", tenant, () -> {
            requireValid(tenant);
            if (!tenant.equals(confirm)) {
                throw LithairAdminController.problem(HttpStatus.BAD_REQUEST, "Confirmation required",
                        "Deleting a tenant deletes all its data: repeat its id as ?confirm=" + tenant + ".");
            }
            if (stores.replicated()) {
                throw LithairAdminController.problem(HttpStatus.CONFLICT, "Not supported in a cluster",
                        "The tenant " + tenant + " is not deleted: deleting a tenant in a cluster is not supported "
                        + "yet (its Raft group runs on every member). Nothing changed.");
            }
            if (!stores.delete(tenant)) {
                throw unknown(tenant);
            }
            return ResponseEntity.noContent().build();
        });
    }

    private <T> T onExistingTenant(String tenant, Function<LithairStore, T> work) {
        requireValid(tenant);
        OpenTenant open = stores.acquireExisting(tenant).orElseThrow(() -> unknown(tenant));
        try {
            return work.apply(open.store());
        } finally {
            stores.release(open);
        }
    }

    private static void requireValid(String tenant) {
        if (!TenantIds.isValid(tenant)) {
            throw LithairAdminController.problem(HttpStatus.BAD_REQUEST, "Invalid tenant", TenantIds.describe(tenant));
        }
    }

    private static ErrorResponseException unknown(String tenant) {
        return LithairAdminController.problem(HttpStatus.NOT_FOUND, "Unknown tenant",
                "No tenant '" + tenant + "': it has no folder in the tenants' directory.");
    }

    @ExceptionHandler(ErrorResponseException.class)
    ResponseEntity<ProblemDetail> problem(ErrorResponseException e, HttpServletRequest request) {
        return LithairAdminController.problemResponse(e.getStatusCode(), e.getBody(), request);
    }

    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<ProblemDetail> inUse(ConcurrencyFailureException e, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        body.setTitle("Tenant in use");
        return LithairAdminController.problemResponse(HttpStatus.CONFLICT, body, request);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> failed(RuntimeException e, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                e.getClass().getSimpleName() + ": " + e.getMessage());
        body.setTitle("Admin action failed");
        return LithairAdminController.problemResponse(HttpStatus.INTERNAL_SERVER_ERROR, body, request);
    }
}
