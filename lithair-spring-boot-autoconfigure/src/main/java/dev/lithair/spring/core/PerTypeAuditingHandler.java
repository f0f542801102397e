package dev.lithair.spring.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.data.auditing.AuditingHandler;
import org.springframework.data.mapping.context.PersistentEntities;

/**
 * Spring Data's {@link AuditingHandler}, asked once per entity class whether it is auditable.
 *
 * <p>Why: the plain handler looks the current auditor up (the application's {@code AuditorAware},
 * often a security-context read) and builds a property-accessor wrapper on every save before finding
 * that an entity has nothing to audit; on an in-memory save that was an eighth of the Spring layer's
 * time. Whether a class is auditable depends on its annotations or on its implementing
 * {@code Auditable}, never on an instance, so the answer is kept per class and an entity without
 * auditing is returned as given.
 */
public class PerTypeAuditingHandler extends AuditingHandler {

    private final Map<Class<?>, Boolean> auditable = new ConcurrentHashMap<>();

    /**
     * An auditing handler over the given entity types.
     *
     * @param entities the mapped entity types
     */
    public PerTypeAuditingHandler(PersistentEntities entities) {
        super(entities);
    }

    @Override
    public <T> T markCreated(T source) {
        return isAuditableType(source) ? super.markCreated(source) : source;
    }

    @Override
    public <T> T markModified(T source) {
        return isAuditableType(source) ? super.markModified(source) : source;
    }

    private boolean isAuditableType(Object source) {
        if (source == null) {
            return true; // the handler's own check rejects it with its message
        }
        return auditable.computeIfAbsent(source.getClass(), type -> isAuditable(source));
    }
}
