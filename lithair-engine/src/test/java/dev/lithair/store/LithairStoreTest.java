package dev.lithair.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.lithair.event.EventType;
import dev.lithair.store.spi.Commit;
import dev.lithair.store.spi.CommitResult;
import dev.lithair.store.spi.Operation;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class LithairStoreTest {

    @TempDir
    Path dir;

    static ObjectNode product(String name, double price) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", name);
        node.put("price", price);
        return node;
    }

    @Test
    void commitsAreVisibleAtOnceAndSurviveARestart() {
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir))) {
            CommitResult created = store.commit(Commit.of(new Operation.Put("Product", "p1", product("Lamp", 10))));
            CommitResult updated = store.commit(Commit.of(new Operation.Put("Product", "p1", product("Lamp", 12))));
            store.commit(Commit.of(new Operation.Put("Product", "p2", product("Desk", 99))));
            store.commit(Commit.of(new Operation.Delete("Product", "p2")));

            assertThat(created.events()).singleElement().extracting(e -> e.eventType()).isEqualTo(EventType.CREATED);
            assertThat(updated.events().get(0).payload().toString()).isEqualTo("{\"price\":{\"old\":10.0,\"new\":12.0}}");
            assertThat(store.get("Product", "p1")).get().isEqualTo(product("Lamp", 12));
        }
        try (LithairStore reopened = LithairStore.open(StoreOptions.defaults(dir))) {
            assertThat(reopened.get("Product", "p1")).get().isEqualTo(product("Lamp", 12));
            assertThat(reopened.get("Product", "p2")).isEmpty();
            assertThat(reopened.lastSequence()).isEqualTo(4);
            assertThat(reopened.recovery().recordsReplayed()).isEqualTo(4);
        }
    }

    @Test
    void aCommitThatChangesNothingAppendsNothing() {
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir))) {
            store.commit(Commit.of(new Operation.Put("Product", "p1", product("Lamp", 10))));
            CommitResult same = store.commit(Commit.of(new Operation.Put("Product", "p1", product("Lamp", 10))));
            CommitResult absent = store.commit(Commit.of(new Operation.Delete("Product", "nope")));

            assertThat(same.events()).isEmpty();
            assertThat(absent.events()).isEmpty();
            assertThat(store.lastSequence()).isEqualTo(1);
        }
    }

    @Test
    void aBatchIsOneRecordWithConsecutiveSequences() {
        try (LithairStore store = LithairStore.open(StoreOptions.defaults(dir))) {
            CommitResult result = store.commit(new Commit("order-1", "alice", List.of(
                    new Operation.Put("Product", "p1", product("Lamp", 10)),
                    new Operation.Put("Product", "p2", product("Desk", 20)),
                    new Operation.Delete("Product", "p1"))));

            assertThat(result.events()).extracting(e -> e.sequence()).containsExactly(1L, 2L, 3L);
            assertThat(result.events()).extracting(e -> e.eventId()).containsExactly("order-1#0", "order-1#1", "order-1#2");
            assertThat(result.events()).extracting(e -> e.actor()).containsOnly("alice");
            assertThat(store.get("Product", "p1")).isEmpty();
        }
    }
}
