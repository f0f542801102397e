package dev.lithair.replication.raft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A write a follower hands to the leader of a tenant's Raft group: the group's id and the log entry it
 * encoded. On the wire ({@link ForwardedBytesSerializer}): a version byte, the id's length as one byte, the
 * id in ASCII, then the entry.
 */
final class ForwardedGroupWrite {

    private static final byte VERSION = 1;

    private final String groupId;
    private final byte[] entry;

    ForwardedGroupWrite(String groupId, byte[] entry) {
        this.groupId = groupId;
        this.entry = entry;
    }

    String groupId() {
        return groupId;
    }

    byte[] entry() {
        return entry;
    }

    byte[] toBytes() {
        byte[] id = groupId.getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[2 + id.length + entry.length];
        bytes[0] = VERSION;
        bytes[1] = (byte) id.length;
        System.arraycopy(id, 0, bytes, 2, id.length);
        System.arraycopy(entry, 0, bytes, 2 + id.length, entry.length);
        return bytes;
    }

    /**
     * Reads a forwarded write back; a message that does not hold a well-formed tenant group id reads as one
     * whose id is empty, which no group has, so it is refused as any unknown group is.
     */
    static ForwardedGroupWrite fromBytes(byte[] bytes) {
        if (bytes == null || bytes.length < 2 || bytes[0] != VERSION || bytes.length < 2 + (bytes[1] & 0xFF)) {
            return new ForwardedGroupWrite("", new byte[0]);
        }
        int length = bytes[1] & 0xFF;
        String id = new String(bytes, 2, length, StandardCharsets.US_ASCII);
        if (TenantGroupIds.tenantOf(id) == null) {
            return new ForwardedGroupWrite("", new byte[0]);
        }
        return new ForwardedGroupWrite(id, Arrays.copyOfRange(bytes, 2 + length, bytes.length));
    }
}
