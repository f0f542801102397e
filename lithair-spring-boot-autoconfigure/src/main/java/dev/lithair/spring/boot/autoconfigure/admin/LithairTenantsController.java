package dev.lithair.spring.boot.autoconfigure.admin;

import java.util.List;
import java.util.Objects;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.lithair.spring.tenancy.TenantStores;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The tenants' admin route, served under {@code lithair.admin.base-path} when tenants are enabled: every
 * tenant with a folder, whether its store is open, and, when it is, its entity count and last sequence
 * (a closed store is not opened to answer). Audited like the other admin routes; protection is the
 * security filter chain's job.
 */
@RestController
public class LithairTenantsController {

    private final TenantStores stores;
    private final LithairAdminAudit audit;

    /**
     * The tenants' admin route.
     *
     * @param stores the tenants' stores
     * @param audit  where every admin call is recorded
     */
    public LithairTenantsController(TenantStores stores, LithairAdminAudit audit) {
        this.stores = Objects.requireNonNull(stores, "stores");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * {@code GET tenants}: the tenants, in id order.
     *
     * @param request the admin request, for the audit
     * @return the tenants
     */
    @GetMapping("/tenants")
    public List<TenantStores.Status> tenants(HttpServletRequest request) {
        try {
            List<TenantStores.Status> tenants = stores.list();
            audit.record(request, "tenants", null, "success");
            return tenants;
        } catch (RuntimeException e) {
            audit.record(request, "tenants", null, "failure: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }
}
