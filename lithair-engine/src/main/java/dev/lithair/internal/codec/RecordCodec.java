package dev.lithair.internal.codec;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.smile.SmileFactory;
import tools.jackson.dataformat.smile.SmileMapper;

import dev.lithair.event.StorageFormat;
import dev.lithair.event.ValueLimits;

/**
 * Serialises records (and other storage values) with Jackson in either {@link StorageFormat}, reading
 * and writing within one set of {@link ValueLimits}, so that what it writes it reads back.
 * Thread-safe: Jackson mappers are immutable once built.
 */
public final class RecordCodec {

    private final JsonMapper json;
    private final SmileMapper smile;
    private final StorageFormat writeFormat;
    private final ValueLimits limits;

    /** A codec within the {@link ValueLimits#defaults() default limits}. */
    public RecordCodec(StorageFormat writeFormat) {
        this(writeFormat, ValueLimits.defaults());
    }

    public RecordCodec(StorageFormat writeFormat, ValueLimits limits) {
        this.writeFormat = writeFormat;
        this.limits = limits;
        // JSON text does not say whether 12.00 was a double or a BigDecimal: it is read exactly, so a
        // BigDecimal keeps every digit, and schemaless documents turn it back into a double where that
        // loses nothing (see DocumentCodec). Smile stores doubles and BigDecimals as distinct types.
        this.json = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(limits.readConstraints())
                        .streamWriteConstraints(limits.writeConstraints()).build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).addModule(repeatedInstants())
                .nodeFactory(new CompactDecimalNodes()).build();
        this.smile = SmileMapper.builder(SmileFactory.builder().streamReadConstraints(limits.readConstraints())
                        .streamWriteConstraints(limits.writeConstraints()).build())
                .addModule(repeatedInstants()).nodeFactory(new CompactDecimalNodes()).build();
    }

    /** The limits this codec reads and writes within. */
    public ValueLimits limits() {
        return limits;
    }

    /** Instants read as Jackson reads them, each commit's shared timestamp parsed once. */
    private static SimpleModule repeatedInstants() {
        return new SimpleModule("lithair-repeated-instants").addDeserializer(Instant.class,
                new RepeatedInstantDeserializer());
    }

    /** The format new data is written in. */
    public StorageFormat writeFormat() {
        return writeFormat;
    }

    /** The mapper of a format: JSON for {@link StorageFormat#JSON}, Smile for {@link StorageFormat#BINARY}. */
    public ObjectMapper mapper(StorageFormat format) {
        return format == StorageFormat.JSON ? json : smile;
    }

    /** The JSON mapper, used wherever a human reads the output (CLI, logs). */
    public JsonMapper json() {
        return json;
    }

    public byte[] encode(LogRecord record) {
        return mapper(writeFormat).writeValueAsBytes(record);
    }

    public LogRecord decode(StorageFormat format, byte[] bytes, int offset, int length) {
        ObjectMapper mapper = mapper(format);
        LogRecord streamed = StreamingRecordDecoder.decode(mapper, bytes, offset, length);
        return streamed != null ? streamed : mapper.readValue(bytes, offset, length, LogRecord.class);
    }

    public void write(OutputStream out, Object value) throws JacksonException {
        mapper(writeFormat).writeValue(out, value);
    }

    public <T> T read(StorageFormat format, InputStream in, Class<T> type) throws JacksonException {
        return mapper(format).readValue(in, type);
    }
}
