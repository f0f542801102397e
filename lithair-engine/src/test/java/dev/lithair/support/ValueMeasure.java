package dev.lithair.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

import dev.lithair.event.ValueLimits;
import tools.jackson.databind.JsonNode;

/**
 * The measures of a document that the value limits bound, taken independently of the store's own
 * check, as the oracle of property tests: the deepest container, the longest text, name and number,
 * the largest decimal scale, and whether some text is not valid UTF-16.
 */
public record ValueMeasure(int depth, int longestText, int longestName, int mostDigits, long largestScale,
        boolean unpairedSurrogate) {

    /** The measures of a document whose root object is at depth 1. */
    public static ValueMeasure of(JsonNode document) {
        Accumulator accumulator = new Accumulator();
        accumulator.visit(document, 1);
        return new ValueMeasure(accumulator.depth, accumulator.longestText, accumulator.longestName,
                accumulator.mostDigits, accumulator.largestScale, accumulator.unpaired);
    }

    /** Whether the store must accept the document (record size aside). */
    public boolean within(ValueLimits limits) {
        return depth <= limits.maxNestingDepth() && longestText <= limits.maxStringLength()
                && longestName <= limits.maxNameLength() && mostDigits <= limits.maxNumberLength()
                && largestScale <= ValueLimits.MAX_DECIMAL_SCALE && !unpairedSurrogate;
    }

    /** Whether a text is not valid UTF-16 (a surrogate not in a pair). */
    public static boolean hasUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static final class Accumulator {
        int depth;
        int longestText;
        int longestName;
        int mostDigits;
        long largestScale;
        boolean unpaired;

        void visit(JsonNode node, int level) {
            if (node.isContainer()) {
                depth = Math.max(depth, level);
                if (node.isObject()) {
                    for (Map.Entry<String, JsonNode> property : node.properties()) {
                        longestName = Math.max(longestName, property.getKey().length());
                        unpaired |= hasUnpairedSurrogate(property.getKey());
                        visit(property.getValue(), level + 1);
                    }
                } else {
                    node.values().forEach(element -> visit(element, level + 1));
                }
            } else if (node.isString()) {
                longestText = Math.max(longestText, node.stringValue().length());
                unpaired |= hasUnpairedSurrogate(node.stringValue());
            } else if (node.isBigDecimal()) {
                BigDecimal value = node.decimalValue();
                largestScale = Math.max(largestScale, Math.abs((long) value.scale()));
                if (largestScale <= ValueLimits.MAX_DECIMAL_SCALE) {
                    mostDigits = Math.max(mostDigits, (int) value.toString().chars().filter(Character::isDigit).count());
                }
            } else if (node.isBigInteger()) {
                BigInteger value = node.bigIntegerValue();
                mostDigits = Math.max(mostDigits, value.abs().toString().length());
            }
        }
    }
}
