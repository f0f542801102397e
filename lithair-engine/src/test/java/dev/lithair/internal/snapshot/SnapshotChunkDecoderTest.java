package dev.lithair.internal.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.lithair.annotation.HistoryPolicy;
import dev.lithair.event.StorageFormat;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.model.EntityModel;
import dev.lithair.model.EntityTypes;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A chunk decoded token by token must give exactly the nodes and entities that reading it as a tree
 * gave, and refuse a chunk that is not of its layout.
 */
class SnapshotChunkDecoderTest {

    record Product(String id, String name, int stock, long views, boolean active, BigDecimal price) {
    }

    private static final EntityTypes TYPES = new EntityTypes(List.of(EntityModel.of(Product.class, HistoryPolicy.NONE)));

    private static ObjectMapper mapper(StorageFormat format) {
        return new RecordCodec(format).mapper(format);
    }

    private static SnapshotFrame frame(ObjectMapper mapper, Object chunk) {
        byte[] content = mapper.writeValueAsBytes(chunk);
        CRC32C crc = new CRC32C();
        crc.update(content);
        return new SnapshotFrame(SnapshotFrame.ENTITIES, 128, content, (int) crc.getValue());
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void everyScalarBecomesTheNodeTheMappersTreeReaderMakesOfIt(StorageFormat format) {
        ObjectMapper mapper = mapper(format);
        List<Object> values = java.util.Arrays.asList("text", "", 7, -7, Integer.MAX_VALUE, 12_345_678_901L,
                Long.MIN_VALUE, new BigInteger("123456789012345678901234567890"), new BigDecimal("39.90"),
                new BigDecimal("1E+3"), new BigDecimal("12345678901234567890.123456789"), 1.25, 0.1f, true, false,
                null, List.of(1, "two"), Map.of("a", new BigDecimal("1.50")));
        byte[] bytes = mapper.writeValueAsBytes(values);
        JsonNode tree = mapper.readTree(bytes);
        SnapshotChunkDecoder decoder = new SnapshotChunkDecoder(mapper, TYPES);

        try (JsonParser parser = mapper.createParser(bytes)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            for (int i = 0; i < values.size(); i++) {
                parser.nextToken();
                JsonNode node = decoder.value(parser);

                assertThat(node).as(String.valueOf(values.get(i))).isEqualTo(tree.get(i))
                        .hasSameClassAs(tree.get(i));
                if (node.isBigDecimal()) {
                    assertThat(node.decimalValue().scale()).isEqualTo(tree.get(i).decimalValue().scale());
                }
            }
            assertThat(parser.nextToken()).isEqualTo(JsonToken.END_ARRAY);
        }
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void rowsBecomeTheirEntitiesInOrderAndARowWithoutValuesIsNoLongerLive(StorageFormat format) {
        ObjectMapper mapper = mapper(format);
        List<Object> chunk = java.util.Arrays.asList("Product", List.of("id", "name", "stock", "views", "active", "price"),
                List.of(), List.of("p1", List.of("p1", "Lamp", 3, 12_345_678_901L, true, new BigDecimal("39.90"))),
                java.util.Arrays.asList("p2", null),
                List.of("p3", java.util.Arrays.asList("p3", null, "4", 1, false, 10)));

        SnapshotChunkDecoder.Decoded decoded = new SnapshotChunkDecoder(mapper, TYPES).decode(frame(mapper, chunk),
                Map.of());

        assertThat(decoded.type()).isEqualTo("Product");
        assertThat(decoded.ids()).containsExactly("p1", "p2", "p3");
        assertThat(decoded.entities()).containsExactly(
                new Product("p1", "Lamp", 3, 12_345_678_901L, true, new BigDecimal("39.90")), null,
                new Product("p3", null, 4, 1, false, new BigDecimal("10")));
        assertThat(((Product) decoded.entities()[0]).id()).isSameAs(decoded.ids()[0]);
        assertThat(((Product) decoded.entities()[0]).price().scale()).isEqualTo(2);
    }

    @Test
    void aChunkNotOfTheLayoutIsRefusedAndNamesItsRowAndOffset() {
        ObjectMapper mapper = mapper(StorageFormat.BINARY);
        SnapshotChunkDecoder decoder = new SnapshotChunkDecoder(mapper, TYPES);
        List<String> names = List.of("id", "name");

        assertThatThrownBy(() -> decoder.decode(frame(mapper, List.of("Product", names, List.of(),
                List.of("p1", List.of("p1", "Lamp")), List.of("p2", List.of("p2")))), Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("malformed row 1 in the chunk of Product at offset 128");
        assertThatThrownBy(() -> decoder.decode(frame(mapper, List.of("Product", names, List.of(),
                List.of("p1", List.of("p1", "Lamp"), "an extra part"))), Map.of()))
                .hasMessage("malformed row 0 in the chunk of Product at offset 128");
        assertThatThrownBy(() -> decoder.decode(frame(mapper, List.of("Product", names)), Map.of()))
                .hasMessage("malformed chunk at offset 128");
        assertThatThrownBy(() -> decoder.decode(frame(mapper, Map.of("type", "Product")), Map.of()))
                .hasMessage("malformed chunk at offset 128");
    }
}
