package dev.lithair.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.lithair.event.StorageFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** Decimals read back keep their value and scale exactly, whatever form they take in memory. */
class CompactDecimalNodesTest {

    @ParameterizedTest
    @ValueSource(strings = {"12.50", "0.000", "-7", "1E+3", "-0.0000000001", "999999999999999999", "123456789012345678.9",
            "-98765432109876543210987654321.123456789"})
    void aDecimalReadBackEqualsTheOneWrittenScaleIncluded(String text) {
        BigDecimal written = new BigDecimal(text);
        for (StorageFormat format : StorageFormat.values()) {
            ObjectMapper mapper = new RecordCodec(format).mapper(format);
            JsonNode node = mapper.readTree(mapper.writeValueAsBytes(JsonNodeFactory.instance.objectNode().put("v", written)));
            BigDecimal read = node.get("v").decimalValue();
            assertThat(read).as(format.name()).isEqualTo(written);
            assertThat(read.scale()).isEqualTo(written.scale());
        }
    }

    @Test
    void compactingKeepsValueAndScaleAndLeavesWideDecimalsAlone() {
        BigDecimal inflated = new BigDecimal(new BigInteger("1250"), 2);
        assertThat(CompactDecimalNodes.compact(inflated)).isEqualTo(inflated).extracting(BigDecimal::scale).isEqualTo(2);
        BigDecimal wide = new BigDecimal("1234567890123456789.5");
        assertThat(CompactDecimalNodes.compact(wide)).isSameAs(wide);
    }
}
