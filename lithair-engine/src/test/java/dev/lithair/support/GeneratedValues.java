package dev.lithair.support;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import dev.lithair.event.ValueLimits;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * jqwik generators of values around a set of {@link ValueLimits}: JSON documents as deep, numbers and
 * texts as long, names as long as the limits, and a little beyond; unicode from every plane, surrogate
 * pairs, and now and then an unpaired surrogate; nulls, booleans, integers, doubles, big integers and
 * decimals of every scale the formats keep, and beyond.
 */
public final class GeneratedValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ValueLimits limits;

    public GeneratedValues(ValueLimits limits) {
        this.limits = limits;
    }

    /** A schemaless document with an {@code "id"} property, its other values generated. */
    public Arbitrary<ObjectNode> document(String id) {
        return Combinators.combine(properties(2), deepChain().injectNull(0.6)).as((properties, chain) -> {
            ObjectNode document = NODES.objectNode();
            document.put("id", id);
            properties.forEach((name, value) -> {
                if (!name.equals("id")) {
                    document.set(name, value);
                }
            });
            if (chain != null) {
                document.set("chain", chain);
            }
            return document;
        });
    }

    /** Any value at {@code depth} (the depth it has if it is a container). */
    public Arbitrary<JsonNode> value(int depth) {
        if (depth > limits.maxNestingDepth() + 1) {
            return scalar();
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalar()),
                net.jqwik.api.Tuple.of(2, Arbitraries.lazy(() -> object(depth))),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> array(depth))));
    }

    private Arbitrary<Map<String, JsonNode>> properties(int depth) {
        return Arbitraries.maps(name(), Arbitraries.lazy(() -> value(depth))).ofMaxSize(5);
    }

    private Arbitrary<JsonNode> object(int depth) {
        return properties(depth + 1).map(properties -> {
            ObjectNode object = NODES.objectNode();
            properties.forEach(object::set);
            return object;
        });
    }

    private Arbitrary<JsonNode> array(int depth) {
        return Arbitraries.lazy(() -> value(depth + 1)).list().ofMaxSize(4).map(elements -> {
            ArrayNode array = NODES.arrayNode();
            elements.forEach(array::add);
            return array;
        });
    }

    /** Containers nested around the depth limit (from two below to two above), a scalar at the bottom. */
    private Arbitrary<JsonNode> deepChain() {
        int from = Math.max(2, limits.maxNestingDepth() - 2);
        return Combinators.combine(Arbitraries.integers().between(from, limits.maxNestingDepth() + 2),
                Arbitraries.of(true, false).list().ofSize(limits.maxNestingDepth() + 2), scalar())
                .as((depth, arrays, bottom) -> {
                    // The chain is a property of the document's root: its first container is at depth 2.
                    JsonNode current = bottom;
                    for (int level = depth; level >= 2; level--) {
                        if (arrays.get(level - 2)) {
                            current = NODES.arrayNode().add(current);
                        } else {
                            ObjectNode wrapper = NODES.objectNode();
                            wrapper.set("c", current);
                            current = wrapper;
                        }
                    }
                    return current;
                });
    }

    public Arbitrary<JsonNode> scalar() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(NODES.nullNode())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(NODES::booleanNode)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().map(NODES::numberNode)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().map(NODES::numberNode)),
                net.jqwik.api.Tuple.of(2, finiteDouble().map(NODES::numberNode)),
                net.jqwik.api.Tuple.of(2, bigInteger().map(NODES::numberNode)),
                net.jqwik.api.Tuple.of(3, decimal().map(NODES::numberNode)),
                net.jqwik.api.Tuple.of(6, text().map(NODES::stringNode)));
    }

    public Arbitrary<Double> finiteDouble() {
        return Arbitraries.oneOf(Arbitraries.doubles(), Arbitraries.of(0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE,
                -Double.MAX_VALUE, 1e-300, 0.1, 21.375));
    }

    /** Integers with up to a few digits more than the limit. */
    public Arbitrary<BigInteger> bigInteger() {
        return Combinators.combine(digits(), Arbitraries.of(1, -1))
                .as((digits, sign) -> new BigInteger(digits).multiply(BigInteger.valueOf(sign)));
    }

    /** Decimals with up to a few digits more than the limit, of small scales and of the largest ones. */
    public Arbitrary<BigDecimal> decimal() {
        Arbitrary<Integer> scale = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(40, Arbitraries.integers().between(-30, 30)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(ValueLimits.MAX_DECIMAL_SCALE - 2,
                        ValueLimits.MAX_DECIMAL_SCALE + 2).map(s -> s * (s % 2 == 0 ? 1 : -1))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of((1 << 30) - 1, 1 << 30, -(1 << 30), Integer.MAX_VALUE,
                        Integer.MIN_VALUE + 1)));
        return Combinators.combine(bigInteger(), scale).as(BigDecimal::new);
    }

    private Arbitrary<String> digits() {
        int max = limits.maxNumberLength() + 3;
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(20)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().numeric().ofMinLength(max - 6).ofMaxLength(max)))
                .map(text -> text.charAt(0) == '0' && text.length() > 1 ? "1" + text.substring(1) : text);
    }

    /**
     * Texts of every kind of character, short ones, ones around the length limit, and (seldom, or every
     * document would be refused for it) ones holding an unpaired surrogate.
     */
    public Arbitrary<String> text() {
        int max = limits.maxStringLength();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(80, mixedText(0, 12)),
                net.jqwik.api.Tuple.of(5, Combinators.combine(Arbitraries.integers().between(max - 3, max + 3),
                        Arbitraries.of("x", "\u00e9", "\u4e2d", "\ud83d\ude00")).as(GeneratedValues::repeatedTo)),
                net.jqwik.api.Tuple.of(1, Combinators.combine(mixedText(0, 4), Arbitraries.chars().range('\ud800',
                        '\udfff'), mixedText(0, 4)).as((before, surrogate, after) -> before + surrogate + after)));
    }

    /** Property names: short ones, unicode ones, ones around the name limit. */
    public Arbitrary<String> name() {
        int max = limits.maxNameLength();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(80, Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(6)),
                net.jqwik.api.Tuple.of(20, mixedText(1, 6)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("n\ud800", "\udc00")),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.integers().between(max - 2, max + 2),
                        Arbitraries.of("n", "\u00e9", "\ud83d\ude00")).as(GeneratedValues::repeatedTo)));
    }

    /** Valid texts mixing ASCII, control characters, other BMP characters and surrogate pairs. */
    public Arbitrary<String> mixedText(int minChunks, int maxChunks) {
        Arbitrary<String> chunk = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, Arbitraries.chars().range(' ', '~').map(String::valueOf)),
                net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001f').map(String::valueOf)),
                net.jqwik.api.Tuple.of(4, Arbitraries.chars().range('\u00a0', '\ud7ff').map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.chars().range('\ue000', '\uffff').map(String::valueOf)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString)));
        return chunk.list().ofMinSize(minChunks).ofMaxSize(maxChunks).map(chunks -> String.join("", chunks));
    }

    /** {@code unit} repeated until the text has {@code length} characters (a pair is never cut: it may get one more). */
    private static String repeatedTo(int length, String unit) {
        StringBuilder text = new StringBuilder(length + 1);
        while (text.length() < length) {
            text.append(unit);
        }
        return text.toString();
    }

    /** A text long enough that a few of them fill a record: {@code length} two-byte characters, up to the limit. */
    public Arbitrary<String> largeText() {
        return Arbitraries.integers().between(limits.maxStringLength() * 3 / 5, limits.maxStringLength())
                .map("\u00e9"::repeat);
    }

    /** Ids: mostly few (so that commits update and delete what others created), now and then too long. */
    public Arbitrary<String> id() {
        int max = Math.min(limits.maxNameLength(), limits.maxStringLength());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(12, Arbitraries.of("e0", "e1", "e2", "e3", "e4")),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(max - 1, max + 2).map("i"::repeat)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("\ud83d\ude00", "id\ud800")));
    }

    /** No key mostly; keys that repeat; keys around the length limit; keys that are not valid text. */
    public Arbitrary<String> idempotencyKey(int maxKeyLength) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just((String) null)),
                net.jqwik.api.Tuple.of(5, Arbitraries.of("k1", "k2", "k3")),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(maxKeyLength - 1, maxKeyLength + 2)
                        .map("k"::repeat)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("k\udbff")));
    }
}
