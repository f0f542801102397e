package dev.lithair.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.lithair.event.EventEnvelope;
import dev.lithair.event.EventType;
import dev.lithair.event.StorageFormat;

/**
 * The records replay reads without Jackson's record deserialisation must be exactly the records
 * Jackson reads, in both formats; what the streaming reader does not expect goes to Jackson.
 */
class StreamingRecordDecoderTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Instant AT = Instant.parse("2026-11-27T00:13:23.842123456Z");

    private static LogRecord sample(String key, String previousHash) {
        ObjectNode created = NODES.objectNode().put("id", "p1").put("name", "Lamp").put("price", new BigDecimal("39.90"))
                .put("weight", 1.25).put("stock", 3);
        created.putArray("tags").add("a").add(2);
        created.putNull("note");
        ObjectNode change = NODES.objectNode();
        change.putObject("price").put("old", new BigDecimal("39.90")).put("new", new BigDecimal("34.9"));
        return new LogRecord(key, List.of(
                new EventEnvelope(EventType.CREATED, "Product:p1:7", 7, AT, null, "Product", "p1", created),
                new EventEnvelope(EventType.UPDATED, "Product:p1:8", 8, AT, "alice", "Product", "p1", change),
                new EventEnvelope(EventType.DELETED, "Product:p2:9", 9, AT.plusNanos(1), "bob", "Product", "p2",
                        NODES.objectNode().put("id", "p2"))), previousHash);
    }

    private static LogRecord jackson(RecordCodec codec, StorageFormat format, byte[] bytes) {
        return codec.mapper(format).readValue(bytes, 0, bytes.length, LogRecord.class);
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void aRecordReadByStreamingEqualsTheRecordJacksonReads(StorageFormat format) {
        RecordCodec codec = new RecordCodec(format);
        for (LogRecord written : List.of(sample(null, null), sample("order-42", null), sample("order-43", "ab12"))) {
            byte[] bytes = codec.encode(written);

            LogRecord streamed = StreamingRecordDecoder.decode(codec.mapper(format), bytes, 0, bytes.length);

            assertThat(streamed).isNotNull().isEqualTo(jackson(codec, format, bytes));
            assertThat(streamed.events().get(0).payload().get("price").decimalValue().scale()).isEqualTo(2);
            assertThat(codec.decode(format, bytes, 0, bytes.length)).isEqualTo(streamed);
        }
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void aRecordInsideALargerBufferIsReadFromItsOffset(StorageFormat format) {
        RecordCodec codec = new RecordCodec(format);
        byte[] record = codec.encode(sample("k", null));
        byte[] buffer = new byte[record.length + 20];
        System.arraycopy(record, 0, buffer, 10, record.length);

        assertThat(codec.decode(format, buffer, 10, record.length)).isEqualTo(jackson(codec, format, record));
    }

    @ParameterizedTest
    @EnumSource(StorageFormat.class)
    void whatTheStreamingReaderDoesNotExpectIsReadByJacksonWithJacksonsAnswer(StorageFormat format) {
        RecordCodec codec = new RecordCodec(format);
        ObjectNode tree = codec.mapper(format).valueToTree(sample("k", null));
        ((ObjectNode) tree.get("events").get(0)).put("sequence", "7"); // a number as text: Jackson coerces it
        byte[] coerced = codec.mapper(format).writeValueAsBytes(tree);

        assertThat(StreamingRecordDecoder.decode(codec.mapper(format), coerced, 0, coerced.length)).isNull();
        assertThat(codec.decode(format, coerced, 0, coerced.length)).isEqualTo(jackson(codec, format, coerced))
                .extracting(record -> record.events().get(0).sequence()).isEqualTo(7L);

        ObjectNode broken = codec.mapper(format).valueToTree(sample("k", null));
        ((ObjectNode) broken.get("events").get(1)).put("sequence", 10); // not consecutive: the record refuses it
        byte[] refused = codec.mapper(format).writeValueAsBytes(broken);
        assertThat(StreamingRecordDecoder.decode(codec.mapper(format), refused, 0, refused.length)).isNull();
        assertThatThrownBy(() -> codec.decode(format, refused, 0, refused.length)).isInstanceOf(JacksonException.class)
                .hasMessageContaining("consecutive sequences");
    }
}
