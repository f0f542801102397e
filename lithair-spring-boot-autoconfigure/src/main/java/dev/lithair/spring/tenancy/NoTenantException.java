package dev.lithair.spring.tenancy;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * A repository was called, with tenants enabled, by code that acts for no tenant: no {@link Tenants#callAs}
 * around it, no tenant from the {@link TenantResolver} bean, no tenant request header.
 *
 * <p>It is an {@link InvalidDataAccessApiUsageException}, so in Spring's {@code DataAccessException} family:
 * the call is a mistake of the calling code, not a fault of the data or the store, and trying again
 * without a tenant cannot succeed. Nothing is read or written, and no file is touched.
 */
public class NoTenantException extends InvalidDataAccessApiUsageException {

    private static final long serialVersionUID = 1L;

    /**
     * The exception, with a message saying how to give a tenant.
     *
     * @param header the request header that names the tenant in a web request
     */
    public NoTenantException(String header) {
        super("No current tenant: lithair.tenancy.enabled is true, so every repository call acts for one tenant. "
                + "Send the " + header + " request header, define a TenantResolver bean, or wrap the call in "
                + "Tenants.callAs(tenant, ...)");
    }
}
