package dev.lithair.spring.boot.autoconfigure.admin;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.audit.AuditEvent;
import org.springframework.boot.actuate.audit.AuditEventRepository;

/**
 * Adds admin actions to Spring Boot's {@link AuditEventRepository}, when the application defines one
 * (they then show in {@code /actuator/auditevents}), with type {@code LITHAIR_ADMIN_<ACTION>} (refused calls:
 * {@code LITHAIR_ADMIN_REFUSED}).
 */
public class ActuatorAuditSink implements LithairAdminAuditSink {

    private final ObjectProvider<AuditEventRepository> repository;

    /**
     * A sink into Spring Boot's audit events.
     *
     * @param repository the audit event repository, looked up at each event
     */
    public ActuatorAuditSink(ObjectProvider<AuditEventRepository> repository) {
        this.repository = repository;
    }

    @Override
    public void record(AdminAuditEvent event) {
        repository.ifAvailable(audit -> {
            Map<String, Object> data = new LinkedHashMap<>();
            if (event.target() != null) {
                data.put("target", event.target());
            }
            data.put("outcome", event.outcome());
            if (event.remoteAddress() != null) {
                data.put("remoteAddress", event.remoteAddress());
            }
            audit.add(new AuditEvent(event.timestamp(), event.principal(), event.auditType(), data));
        });
    }

    @Override
    public String toString() {
        return "Spring Boot AuditEventRepository";
    }
}
