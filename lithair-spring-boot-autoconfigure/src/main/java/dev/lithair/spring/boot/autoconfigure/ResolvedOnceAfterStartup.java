package dev.lithair.spring.boot.autoconfigure;

import java.util.function.Supplier;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * An optional collaborator (the application's {@code AuditorAware} or {@code DateTimeProvider})
 * looked up in the bean factory on every call until every singleton is created, then once and for
 * all. Looking it up per save searched the bean factory on every write (several microseconds, most
 * of the Spring layer's cost of a save); looking it up only once at creation would miss a bean
 * created after the repositories, or pin "absent" for a save made during start-up. Thread-safe.
 *
 * @param <T> the collaborator's type
 */
final class ResolvedOnceAfterStartup<T> implements Supplier<T>, SmartInitializingSingleton {

    private final ObjectProvider<T> provider;
    private volatile boolean resolved;
    private volatile T value;

    ResolvedOnceAfterStartup(ObjectProvider<T> provider) {
        this.provider = provider;
    }

    /** The unique bean of the type, or {@code null} when there is none (or more than one). */
    @Override
    public T get() {
        return resolved ? value : provider.getIfUnique();
    }

    @Override
    public void afterSingletonsInstantiated() {
        value = provider.getIfUnique();
        resolved = true;
    }
}
