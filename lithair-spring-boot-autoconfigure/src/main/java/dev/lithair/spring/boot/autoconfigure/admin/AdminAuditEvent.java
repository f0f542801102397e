package dev.lithair.spring.boot.autoconfigure.admin;

import java.time.Instant;
import java.util.Locale;

/**
 * One use of an admin route: who did what, to what, when, and how it ended.
 *
 * @param principal who called, or {@code anonymous}
 * @param action    the route: {@code stats}, {@code snapshot}, {@code compact}, {@code history},
 *                  {@code export} or {@code cluster}; or a membership change asked over the Raft
 *                  transport: {@code raft-add-peer}, {@code raft-remove-peer}, {@code raft-change-peers},
 *                  {@code raft-reset-peer}, {@code raft-transfer-leader}, {@code raft-add-learners},
 *                  {@code raft-remove-learners}, {@code raft-reset-learners}
 * @param target    what it was about (an entity type, type/id), or {@code null}
 * @param outcome   {@code success}, or {@code failure: <reason>}
 * @param timestamp when the action ended
 */
public record AdminAuditEvent(String principal, String action, String target, String outcome, Instant timestamp) {

    /**
     * The event type of this action in Spring Boot's audit events, e.g. {@code LITHAIR_ADMIN_SNAPSHOT} or
     * {@code LITHAIR_ADMIN_RAFT_ADD_PEER}.
     */
    public String auditType() {
        return "LITHAIR_ADMIN_" + action.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
