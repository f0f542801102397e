package dev.lithair.spring.tenancy;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Runs code as a tenant: {@code Tenants.callAs("acme", () -> orders.findAll())}. For code outside a web
 * request (schedulers, listeners, tests), and for code inside one that acts for another tenant.
 *
 * <p>The tenant holds for the calling thread while the code runs, and wins over the {@link TenantResolver}
 * bean and the request header. Calls nest: the inner tenant holds inside, the outer one is back after. The
 * id is checked first ({@link TenantIds}); an invalid one is refused before the code runs. Work run by
 * Spring's task executor ({@code @Async}) inherits it ({@link TenantTaskDecorator}); work handed to an
 * executor of the application's own does not: wrap it in {@code callAs} too.
 * A {@code @Transactional} method commits to one tenant's store: a call as another tenant inside the
 * transaction is refused.
 */
public final class Tenants {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private Tenants() {
    }

    /**
     * Calls {@code work} as {@code tenant}.
     *
     * @param tenant the tenant id
     * @param work   the code to run
     * @param <V>    what it returns
     * @return what {@code work} returns
     * @throws Exception what {@code work} throws
     * @throws org.springframework.dao.InvalidDataAccessApiUsageException when the tenant id is invalid; then
     *         {@code work} does not run
     */
    public static <V> V callAs(String tenant, Callable<V> work) throws Exception {
        Objects.requireNonNull(work, "work");
        String outer = enter(tenant);
        try {
            return work.call();
        } finally {
            leave(outer);
        }
    }

    /**
     * Runs {@code work} as {@code tenant}.
     *
     * @param tenant the tenant id
     * @param work   the code to run
     * @throws org.springframework.dao.InvalidDataAccessApiUsageException when the tenant id is invalid; then
     *         {@code work} does not run
     */
    public static void runAs(String tenant, Runnable work) {
        Objects.requireNonNull(work, "work");
        String outer = enter(tenant);
        try {
            work.run();
        } finally {
            leave(outer);
        }
    }

    /**
     * The tenant set by the innermost {@link #callAs} or {@link #runAs} around the calling code.
     *
     * @return the tenant id, or empty outside any
     */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** The id set for this thread, or {@code null}: the allocation-free form for the repository path. */
    static String currentOrNull() {
        return CURRENT.get();
    }

    private static String enter(String tenant) {
        TenantIds.checked(tenant);
        String outer = CURRENT.get();
        CURRENT.set(tenant);
        return outer;
    }

    private static void leave(String outer) {
        if (outer == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(outer);
        }
    }
}
