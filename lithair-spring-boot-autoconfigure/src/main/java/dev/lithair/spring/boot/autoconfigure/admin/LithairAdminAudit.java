package dev.lithair.spring.boot.autoconfigure.admin;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Records who used which admin route, when and with what outcome: on the SLF4J logger
 * {@code lithair.admin.audit} (INFO for successes, WARN for failures) and to every
 * {@link LithairAdminAuditSink} (Spring Boot's {@code AuditEventRepository} gets one when the application
 * has such a repository). Thread-safe.
 */
public class LithairAdminAudit {

    /** The logger admin actions are written to. */
    public static final String LOGGER = "lithair.admin.audit";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final Logger self = LoggerFactory.getLogger(LithairAdminAudit.class);

    private final List<LithairAdminAuditSink> sinks;
    private final Clock clock;

    public LithairAdminAudit(List<LithairAdminAuditSink> sinks) {
        this(sinks, Clock.systemUTC());
    }

    LithairAdminAudit(List<LithairAdminAuditSink> sinks, Clock clock) {
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
    }

    /** Records an action that {@code request} asked for. */
    public void record(HttpServletRequest request, String action, String target, String outcome) {
        Principal principal = request.getUserPrincipal();
        AdminAuditEvent event = new AdminAuditEvent(principal == null ? "anonymous" : principal.getName(), action,
                target, outcome, clock.instant());
        String shownTarget = target == null ? "-" : target;
        if (outcome.equals("success")) {
            log.info("principal={} action={} target={} outcome={} remote={}", event.principal(), action,
                    shownTarget, outcome, request.getRemoteAddr());
        } else {
            log.warn("principal={} action={} target={} outcome={} remote={}", event.principal(), action,
                    shownTarget, outcome, request.getRemoteAddr());
        }
        for (LithairAdminAuditSink sink : sinks) {
            try {
                sink.record(event);
            } catch (RuntimeException e) {
                self.warn("Audit sink {} failed to record {}", sink, event, e);
            }
        }
    }
}
