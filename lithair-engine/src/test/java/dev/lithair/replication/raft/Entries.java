package dev.lithair.replication.raft;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replicated log entries written by hand, as any sender could: a format marker and a commit document,
 * and the framing of a Raft task that carries several.
 */
final class Entries {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Entries() {
    }

    /** A JSON entry: the marker {@code 'J'}, then {@code document} as it is. */
    static byte[] json(String document) {
        byte[] body = document.getBytes(StandardCharsets.UTF_8);
        byte[] entry = new byte[body.length + 1];
        entry[0] = 'J';
        System.arraycopy(body, 0, entry, 1, body.length);
        return entry;
    }

    /** A well-formed put of a schemaless document, without idempotency key or actor. */
    static byte[] put(String type, String id, ObjectNode payload) {
        ObjectNode operation = JSON.createObjectNode().put("delete", false).put("entityType", type).put("entityId", id);
        operation.set("payload", payload);
        ObjectNode commit = JSON.createObjectNode().put("timestamp", "2026-01-01T00:00:00Z");
        commit.putArray("operations").add(operation);
        return json(JSON.writeValueAsString(commit));
    }

    /** A Raft task's data holding {@code entries}, framed as the leader frames them. */
    static ByteBuffer task(byte[]... entries) {
        return ProposalBatch.encode(List.of(entries));
    }
}
