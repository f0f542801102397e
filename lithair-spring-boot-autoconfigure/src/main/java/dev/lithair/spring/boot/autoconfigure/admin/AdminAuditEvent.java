package dev.lithair.spring.boot.autoconfigure.admin;

import java.time.Instant;
import java.util.Locale;

/**
 * One use of an admin route: who did what, to what, from where, when, and how it ended.
 *
 * @param principal     who called, or {@code anonymous}
 * @param action        the route: {@code stats}, {@code snapshot}, {@code compact}, {@code history},
 *                      {@code export}, {@code cluster}, ...; {@code refused} for a call refused before it
 *                      reached the route (no credentials, wrong credentials, no admin role, no CSRF token, a
 *                      write sent by a browser for a page of another origin); or a membership change asked
 *                      over the Raft transport: {@code raft-add-peer}, {@code raft-remove-peer},
 *                      {@code raft-change-peers}, {@code raft-reset-peer}, {@code raft-transfer-leader},
 *                      {@code raft-add-learners}, {@code raft-remove-learners}, {@code raft-reset-learners}
 * @param target        what it was about (an entity type, type/id; method and path for a refused call), or
 *                      {@code null}
 * @param outcome       {@code success}, or {@code failure: <reason>} ({@code failure: 401 ...} or
 *                      {@code failure: 403 ...} for a refused call)
 * @param timestamp     when the action ended
 * @param remoteAddress the client's address, as the servlet container reports it (behind a proxy, set
 *                      {@code server.forward-headers-strategy} for the original client's); for a Raft
 *                      membership change, the member's address
 */
public record AdminAuditEvent(String principal, String action, String target, String outcome, Instant timestamp,
        String remoteAddress) {

    /**
     * The event type of this action in Spring Boot's audit events, e.g. {@code LITHAIR_ADMIN_SNAPSHOT} or
     * {@code LITHAIR_ADMIN_RAFT_ADD_PEER}.
     *
     * @return the event type
     */
    public String auditType() {
        return "LITHAIR_ADMIN_" + action.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
