package dev.lithair.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.lithair.annotation.HistoryPolicy;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A plain record built straight from its payload must be exactly what Jackson builds, and anything
 * the direct path does not handle must come out of Jackson, coercions and errors included.
 */
class RecordFromPayloadTest {

    record Plain(String id, String name, int stock, Integer reserved, long views, Long likes, boolean active,
            Boolean featured, double weight, Double rating, BigDecimal price) {
    }

    record Checked(String id, int stock) {
        Checked {
            if (stock < 0) {
                throw new IllegalArgumentException("stock must not be negative");
            }
        }
    }

    record Renamed(String id, @JsonProperty("label") String name) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static <T> T jackson(Class<T> type, ObjectNode payload) {
        return TypedEntityCodec.ENTITY_MAPPER.treeToValue(payload, type);
    }

    private static <T> TypedEntityCodec<T> codec(Class<T> type) {
        return new TypedEntityCodec<>(EntityModel.of(type, HistoryPolicy.NONE));
    }

    private static ObjectNode full() {
        return NODES.objectNode().put("id", "p1").put("name", "Lamp").put("stock", 3).put("reserved", 1)
                .put("views", 12_345_678_901L).put("likes", 7).put("active", true).put("featured", false)
                .put("weight", 1.25).put("rating", 4.5).put("price", new BigDecimal("39.90"));
    }

    @Test
    void aPlainRecordIsBuiltDirectlyAndEqualsWhatJacksonBuilds() {
        assertThat(RecordFromPayload.of(Plain.class)).isNotNull();
        ObjectNode payload = full();

        Plain direct = RecordFromPayload.of(Plain.class).build(payload);

        assertThat(direct).isEqualTo(jackson(Plain.class, payload))
                .isEqualTo(new Plain("p1", "Lamp", 3, 1, 12_345_678_901L, 7L, true, false, 1.25, 4.5,
                        new BigDecimal("39.90")));
        assertThat(direct.price().scale()).isEqualTo(2);
    }

    @Test
    void anEntityReadWithItsKeyHoldsThatKeyInstanceAsItsId() {
        String key = new String("p1".toCharArray());
        ObjectNode payload = full();

        Plain shared = codec(Plain.class).fromPayload(payload, key);

        assertThat(shared.id()).isSameAs(key);
        assertThat(shared).isEqualTo(jackson(Plain.class, full()));
        assertThat(codec(Plain.class).fromPayload(full(), "p2").id()).isEqualTo("p1"); // another id is not taken
    }

    @Test
    void aRowOfValuesUnderItsNamesReadsAsItsPayloadWouldWhateverTheOrderAndTheOddValues() {
        String key = new String("p1".toCharArray());
        List<ObjectNode> payloads = List.of(full(), full().put("stock", "3"), full().put("price", 10),
                NODES.objectNode().put("id", "p1").putNull("stock").put("unknown", 1));
        for (ObjectNode payload : payloads) {
            List<String> names = new java.util.ArrayList<>(payload.propertyNames());
            java.util.Collections.reverse(names);
            JsonNode[] row = names.stream().map(payload::get).toArray(JsonNode[]::new);

            Plain read = codec(Plain.class).rowReader(names.toArray(String[]::new)).read(row, key);

            assertThat(read).as(payload.toString()).isEqualTo(jackson(Plain.class, payload));
            assertThat(read.id()).isSameAs(key);
        }
        assertThat(codec(Renamed.class).rowReader(new String[] {"label", "id"})
                .read(new JsonNode[] {NODES.stringNode("Lamp"), NODES.stringNode("r1")}, "r1")).isEqualTo(new Renamed("r1", "Lamp"));
    }

    @Test
    void missingAndNullPropertiesGiveNullsAndPrimitiveDefaultsAsJacksonGives() {
        ObjectNode payload = NODES.objectNode().put("id", "p1").putNull("stock").putNull("price").putNull("rating");

        Plain direct = RecordFromPayload.of(Plain.class).build(payload);

        assertThat(direct).isEqualTo(jackson(Plain.class, payload))
                .isEqualTo(new Plain("p1", null, 0, null, 0, null, false, null, 0.0, null, null));
    }

    @Test
    void propertiesHoldingOtherNodeTypesAreLeftToJacksonAndItsCoercions() {
        List<ObjectNode> unusual = List.of(full().put("stock", "3"), full().put("name", 42), full().put("views", 1.5),
                full().put("price", 10), full().put("weight", new BigDecimal("1.25")), full().put("stock", 5_000_000_000L));
        for (ObjectNode payload : unusual) {
            assertThat(RecordFromPayload.of(Plain.class).build(payload)).as(payload.toString()).isNull();
        }
        TypedEntityCodec<Plain> codec = codec(Plain.class);
        assertThat(codec.fromPayload(full().put("stock", "3")).stock()).isEqualTo(3);
        assertThat(codec.fromPayload(full().put("price", 10)).price()).isEqualTo(jackson(Plain.class,
                full().put("price", 10)).price());
        assertThatThrownBy(() -> codec.fromPayload(full().put("stock", 5_000_000_000L)))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void aConstructorThatRejectsThePayloadFailsAsItDoesThroughJackson() {
        TypedEntityCodec<Checked> codec = codec(Checked.class);
        ObjectNode negative = NODES.objectNode().put("id", "c1").put("stock", -1);

        assertThat(RecordFromPayload.of(Checked.class).build(negative)).isNull();
        assertThatThrownBy(() -> codec.fromPayload(negative)).isInstanceOf(JacksonException.class)
                .hasMessageContaining("stock must not be negative");
        assertThat(codec.fromPayload(NODES.objectNode().put("id", "c1").put("stock", 2))).isEqualTo(new Checked("c1", 2));
    }

    @Test
    void recordsWithJacksonAnnotationsOrOtherComponentTypesAreAlwaysLeftToJackson() {
        assertThat(RecordFromPayload.of(Renamed.class)).isNull();
        assertThat(RecordFromPayload.of(MemoryLikeProduct.class)).isNull();
        assertThat(codec(Renamed.class).fromPayload(NODES.objectNode().put("id", "r1").put("label", "Lamp")))
                .isEqualTo(new Renamed("r1", "Lamp"));
    }

    record MemoryLikeProduct(String id, java.time.Instant createdAt) {
    }
}
