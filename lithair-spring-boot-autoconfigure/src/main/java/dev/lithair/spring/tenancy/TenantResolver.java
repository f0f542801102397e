package dev.lithair.spring.tenancy;

import java.util.Optional;

/**
 * Says which tenant the calling code acts for, when tenants are enabled ({@code lithair.tenancy.enabled}).
 *
 * <p>An application defines one as a bean when its tenant comes from somewhere else than the request header
 * {@code lithair.tenancy.header}: the signed-in user, a sub-domain, a message header. It is asked on each
 * repository call that {@link Tenants#callAs} does not cover, on the calling thread, so it must be cheap and
 * thread-safe. The id it gives is checked like any other (see {@link Tenants}); an id that breaks the rules
 * is refused before any file is touched.
 */
@FunctionalInterface
public interface TenantResolver {

    /**
     * The tenant the calling code acts for.
     *
     * @return the tenant id, or empty when the code acts for none (a repository call then fails with
     *         {@link NoTenantException})
     */
    Optional<String> currentTenant();
}
