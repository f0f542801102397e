package dev.lithair.internal.codec;

import java.math.BigDecimal;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ValueNode;

/**
 * Builds decimal nodes whose value carries no {@code BigInteger} when its unscaled value fits a long.
 *
 * <p>The binary parser builds every decimal around a {@code BigInteger} of its digits, which the
 * {@code BigDecimal} keeps: 64 bytes more for each price an entity read back from the log or a
 * snapshot holds, and for each retained change of it, than the same entity as the application made it.
 * The value, its scale included, is the same.
 */
final class CompactDecimalNodes extends JsonNodeFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public ValueNode numberNode(BigDecimal value) {
        return super.numberNode(value == null ? null : compact(value));
    }

    /** The same decimal (value and scale) without a {@code BigInteger} when 18 digits or fewer hold it. */
    static BigDecimal compact(BigDecimal decimal) {
        return decimal.precision() <= 18 ? BigDecimal.valueOf(decimal.unscaledValue().longValue(), decimal.scale())
                : decimal;
    }
}
