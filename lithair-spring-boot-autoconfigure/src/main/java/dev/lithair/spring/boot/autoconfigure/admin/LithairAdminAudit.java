package dev.lithair.spring.boot.autoconfigure.admin;

import java.security.Principal;
import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Records who used which admin route, from where, when and with what outcome, refused calls included: on
 * the SLF4J logger {@code lithair.admin.audit} (INFO for successes, WARN for failures and refusals) and to
 * every {@link LithairAdminAuditSink} (Spring Boot's {@code AuditEventRepository} gets one when the
 * application has such a repository). Thread-safe.
 */
public class LithairAdminAudit {

    /** The logger admin actions are written to. */
    public static final String LOGGER = "lithair.admin.audit";

    /** The action of a call refused before it reached its route. */
    public static final String REFUSED = "refused";

    /** Request attribute set once a request is audited, so that it is audited once. */
    static final String AUDITED = LithairAdminAudit.class.getName() + ".audited";

    private static final Logger log = LoggerFactory.getLogger(LOGGER);
    private static final Logger self = LoggerFactory.getLogger(LithairAdminAudit.class);

    private final List<LithairAdminAuditSink> sinks;
    private final Clock clock;

    /**
     * The audit of admin calls, recorded in every sink.
     *
     * @param sinks where the events go
     */
    public LithairAdminAudit(List<LithairAdminAuditSink> sinks) {
        this(sinks, Clock.systemUTC());
    }

    LithairAdminAudit(List<LithairAdminAuditSink> sinks, Clock clock) {
        this.sinks = List.copyOf(sinks);
        this.clock = clock;
    }

    /**
     * Records an action that {@code request} asked for, by the request's authenticated user.
     *
     * @param request the admin request
     * @param action  the action, e.g. {@code snapshot}
     * @param target  what it acted on, or {@code null}
     * @param outcome how it ended
     */
    public void record(HttpServletRequest request, String action, String target, String outcome) {
        Principal principal = request.getUserPrincipal();
        record(request, principal == null ? null : principal.getName(), action, target, outcome);
    }

    /**
     * Records a call refused before it reached its route: the target is its method and path.
     *
     * @param principal the authenticated caller, or {@code null} when there is none
     * @param status    401 or 403
     * @param reason    why, as the problem details' title says it
     * @param request   the refused request
     */
    public void recordRefusal(HttpServletRequest request, String principal, int status, String reason) {
        record(request, principal, REFUSED, request.getMethod() + " " + request.getRequestURI(),
                "failure: " + status + (reason == null ? "" : " " + reason));
    }

    /**
     * Whether {@code request} has been audited already.
     *
     * @param request the admin request
     * @return whether it was audited
     */
    public static boolean isAudited(HttpServletRequest request) {
        return request.getAttribute(AUDITED) != null;
    }

    private void record(HttpServletRequest request, String principal, String action, String target,
            String outcome) {
        request.setAttribute(AUDITED, Boolean.TRUE);
        AdminAuditEvent event = new AdminAuditEvent(principal == null ? "anonymous" : principal, action, target,
                outcome, clock.instant(), request.getRemoteAddr());
        publish(event, sinks);
    }

    /** Writes {@code event} to the audit logger and hands it to every sink; a failing sink is logged and skipped. */
    static void publish(AdminAuditEvent event, Iterable<LithairAdminAuditSink> sinks) {
        String shownTarget = event.target() == null ? "-" : event.target();
        if (event.outcome().equals("success")) {
            log.info("principal={} action={} target={} outcome={} remote={}", event.principal(), event.action(),
                    shownTarget, event.outcome(), event.remoteAddress());
        } else {
            log.warn("principal={} action={} target={} outcome={} remote={}", event.principal(), event.action(),
                    shownTarget, event.outcome(), event.remoteAddress());
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
