package dev.lithair.replication.raft;

import java.time.Instant;

/**
 * A membership or leadership change asked of this member over the Raft transport (a JRaft CLI call:
 * adding, removing or resetting peers or learners, changing peers, transferring leadership): who asked,
 * what, when, and how it ended.
 *
 * @param action        {@code add-peer}, {@code remove-peer}, {@code change-peers}, {@code reset-peer},
 *                      {@code transfer-leader}, {@code add-learners}, {@code remove-learners} or
 *                      {@code reset-learners}
 * @param request       the request's fields, e.g. {@code group_id: "lithair" peer_id: "10.0.0.4:7000"}
 * @param peer          the subject of the caller's certificate, or {@code null} without TLS
 * @param remoteAddress the caller's address as this member sees it
 * @param receivedAt    when the request arrived
 * @param outcome       {@code success}, or {@code failure: <reason>}
 */
public record MembershipChange(String action, String request, String peer, String remoteAddress, Instant receivedAt,
        String outcome) {
}
