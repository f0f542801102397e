package dev.lithair.spring.tenancy;

import org.springframework.core.task.TaskDecorator;

/**
 * Carries the current tenant into work handed to Spring's task executor ({@code @Async} methods, the
 * {@code applicationTaskExecutor}): the task runs as the tenant that was current where it was submitted, as if
 * wrapped in {@link Tenants#runAs}. Work submitted with no current tenant runs with none.
 *
 * <p>The tenant is read when the task is submitted, not when it runs: by then the request that named it may
 * be over, and a pooled thread would otherwise act for whichever tenant it last served, or for none. A
 * {@code @Transactional} method run this way starts its own transaction, on that tenant's store. Spring Boot
 * combines this decorator with the application's own. Thread-safe.
 */
public final class TenantTaskDecorator implements TaskDecorator {

    private final TenantResolver resolver;

    /**
     * A decorator reading the current tenant as repositories do.
     *
     * @param resolver the application's resolver, consulted when no {@link Tenants#callAs} is running; {@code null}
     *                 when it has none
     */
    public TenantTaskDecorator(TenantResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Runnable decorate(Runnable task) {
        String tenant = Tenants.currentOrNull();
        if (tenant == null && resolver != null) {
            tenant = resolver.currentTenant().orElse(null);
        }
        if (tenant == null) {
            return task;
        }
        String submittedAs = tenant;
        return () -> Tenants.runAs(submittedAs, task);
    }
}
