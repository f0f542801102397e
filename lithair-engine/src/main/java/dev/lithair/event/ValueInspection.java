package dev.lithair.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;

import dev.lithair.event.ValueLimits.Limit;
import dev.lithair.event.ValueLimits.Violation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.BinaryNode;

/**
 * One walk over a document, looking for the first value over a {@link ValueLimits limit}. It never
 * goes deeper than the depth limit allows, so a document of any depth is inspected without
 * overflowing the stack; where it finds a violation, the path to it is built on the way back up,
 * so a document within the limits costs no string building.
 *
 * <p>Not thread-safe: one inspection per walk.
 */
final class ValueInspection {

    /** log10(2): digits per bit of a number's magnitude. */
    private static final double DIGITS_PER_BIT = 0.30103;
    /**
     * Digits a decimal's text may have beyond its unscaled digits: a plain {@code 0.000001} adds up to
     * seven ({@code 0} and six leading zeros), scientific notation at most ten exponent digits.
     */
    private static final int DECIMAL_EXTRA_DIGITS = 11;
    /** Characters of a property name kept in a path, so that a message never quotes a huge name. */
    private static final int NAME_IN_PATH = 40;

    /** A violation found below the node being visited, with the path segments from there to it. */
    private static final class Found {
        final Limit limit;
        final long actual;
        final long maximum;
        final ArrayDeque<String> segments = new ArrayDeque<>();

        Found(Limit limit, long actual, long maximum) {
            this.limit = limit;
            this.actual = actual;
            this.maximum = maximum;
        }

        Violation toViolation(String root) {
            StringBuilder path = new StringBuilder(root);
            for (String segment : segments) {
                if (path.length() > 0 && !segment.startsWith("[")) {
                    path.append('.');
                }
                path.append(segment);
            }
            return new Violation(limit, path.length() == 0 ? "the document" : path.toString(), actual, maximum);
        }
    }

    private final ValueLimits limits;

    ValueInspection(ValueLimits limits) {
        this.limits = limits;
    }

    Violation document(JsonNode document) {
        Found found = visit(document, 1);
        return found == null ? null : found.toViolation("");
    }

    Violation fieldValue(String field, JsonNode value) {
        Found found = name(field);
        if (found == null) {
            found = visit(value, 2);
        }
        return found == null ? null : found.toViolation(shortName(field));
    }

    /** @param depth the nesting depth {@code node} has if it is a container */
    private Found visit(JsonNode node, int depth) {
        if (node == null) {
            return null;
        }
        if (node.isObject()) {
            if (depth > limits.maxNestingDepth()) {
                return new Found(Limit.NESTING_DEPTH, depth, limits.maxNestingDepth());
            }
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                Found found = name(property.getKey());
                if (found == null) {
                    found = visit(property.getValue(), depth + 1);
                }
                if (found != null) {
                    found.segments.addFirst(shortName(property.getKey()));
                    return found;
                }
            }
            return null;
        }
        if (node.isArray()) {
            if (depth > limits.maxNestingDepth()) {
                return new Found(Limit.NESTING_DEPTH, depth, limits.maxNestingDepth());
            }
            Iterator<JsonNode> elements = node.values().iterator();
            for (int index = 0; elements.hasNext(); index++) {
                Found found = visit(elements.next(), depth + 1);
                if (found != null) {
                    found.segments.addFirst("[" + index + "]");
                    return found;
                }
            }
            return null;
        }
        if (node.isString()) {
            return text(node.stringValue(), limits.maxStringLength(), Limit.STRING_LENGTH);
        }
        if (node.isBigInteger()) {
            return number(digits(node.bigIntegerValue()));
        }
        if (node.isBigDecimal()) {
            BigDecimal decimal = node.decimalValue();
            if (Math.abs((long) decimal.scale()) > ValueLimits.MAX_DECIMAL_SCALE) {
                return new Found(Limit.DECIMAL_SCALE, decimal.scale(), ValueLimits.MAX_DECIMAL_SCALE);
            }
            return number(digits(decimal));
        }
        if (node instanceof BinaryNode binary) {
            long base64 = 4L * ((binary.binaryValue().length + 2L) / 3);
            return base64 > limits.maxStringLength()
                    ? new Found(Limit.STRING_LENGTH, base64, limits.maxStringLength()) : null;
        }
        // Other numbers (int, long, double, float) have at most 20 digits, under the smallest limit allowed;
        // booleans, nulls and opaque nodes carry no text.
        return null;
    }

    private Found name(String name) {
        return text(name, limits.maxNameLength(), Limit.NAME_LENGTH);
    }

    private static Found text(String text, int maxLength, Limit limit) {
        if (text.length() > maxLength) {
            return new Found(limit, text.length(), maxLength);
        }
        int unpaired = unpairedSurrogate(text);
        return unpaired < 0 ? null : new Found(Limit.UNPAIRED_SURROGATE, unpaired, 0);
    }

    private Found number(long digits) {
        return digits > limits.maxNumberLength() ? new Found(Limit.NUMBER_LENGTH, digits, limits.maxNumberLength())
                : null;
    }

    /** Index of the first surrogate that is not half of a pair, or -1. */
    static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /** Digits of an integer as written, without its sign; exact when near a limit, estimated when far above. */
    private long digits(BigInteger value) {
        long bits = value.bitLength();
        long estimate = (long) (bits * DIGITS_PER_BIT) + 1;
        if (estimate < limits.maxNumberLength() || estimate > limits.maxNumberLength() + 2L) {
            return estimate;
        }
        return value.abs().toString().length();
    }

    /** Digits of a decimal as Jackson writes it ({@link BigDecimal#toString()}): integer, fraction and exponent digits. */
    private long digits(BigDecimal value) {
        long unscaled = (long) (value.unscaledValue().bitLength() * DIGITS_PER_BIT) + 1;
        if (unscaled + DECIMAL_EXTRA_DIGITS <= limits.maxNumberLength()) {
            return unscaled;
        }
        if (unscaled > limits.maxNumberLength() + 2L) {
            return unscaled;
        }
        String text = value.toString();
        long digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            }
        }
        return digits;
    }

    private static String shortName(String name) {
        return name.length() <= NAME_IN_PATH ? name : name.substring(0, NAME_IN_PATH) + "...";
    }
}
