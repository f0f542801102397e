package dev.lithair.replication.raft;

import java.nio.charset.StandardCharsets;

/**
 * Asks a peer to start a tenant's group now: sent by a member that starts the group on local use, so that
 * its first election finds the others running instead of waiting a round for them to be asked, and so that a
 * group the others put to sleep wakes whatever term this member is in. Its bytes are the group id in ASCII
 * ({@link ForwardedBytesSerializer}); the answer is an empty {@link ForwardedOutcome}.
 */
final class WakeGroup {

    private final String groupId;

    WakeGroup(String groupId) {
        this.groupId = groupId;
    }

    String groupId() {
        return groupId;
    }

    byte[] toBytes() {
        return groupId.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads one back; bytes that are no tenant group id read as an empty id, which wakes nothing. */
    static WakeGroup fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length > 128) {
            return new WakeGroup("");
        }
        String id = new String(bytes, StandardCharsets.US_ASCII);
        return new WakeGroup(TenantGroupIds.tenantOf(id) == null ? "" : id);
    }
}
