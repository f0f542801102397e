package dev.lithair.event;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.databind.JsonNode;

/**
 * The largest values the store writes, and therefore the largest it reads back: one set of limits
 * for the write side (a commit holding a larger value is refused before anything is written) and the
 * read side (Jackson's {@link StreamReadConstraints} for records, snapshots and replicated entries).
 * Immutable.
 *
 * <p>The write side measures what Jackson's readers measure, so that whatever passes reads back:
 * <ul>
 * <li>nesting depth of an entity's document (its root object is depth 1); the read side allows
 * {@link #ENVELOPE_DEPTH} more for the containers a document sits in (a record, a snapshot's retained
 * history);</li>
 * <li>number length in digits (integer, fraction and exponent digits, as Jackson's JSON parser counts
 * them; Smile's byte length of a big number is never more than its digit count);</li>
 * <li>text length in UTF-16 characters, for string values (binary values count as their base64 text);</li>
 * <li>property name length in characters; the read side allows three UTF-8 bytes per character, which
 * is what Jackson's JSON parser counts;</li>
 * <li>the encoded size of a record; the log's frame limit caps it (checked by the store's options).</li>
 * </ul>
 * Text holding an unpaired surrogate is refused too: the binary format cannot write it and a JSON
 * property name holding one does not read back; so is a decimal whose scale is beyond
 * {@link #MAX_DECIMAL_SCALE}, which the binary format does not keep.
 *
 * @param maxNestingDepth  deepest entity document, 1 to {@link #CEILING_NESTING_DEPTH}
 * @param maxNumberLength  most digits of a number, {@link #FLOOR_NUMBER_LENGTH} to {@link #CEILING_NUMBER_LENGTH}
 * @param maxStringLength  longest text value, in characters
 * @param maxNameLength    longest property name (and entity id, a name in snapshots), in characters
 * @param maxRecordBytes   largest encoded record (one commit)
 */
public record ValueLimits(int maxNestingDepth, int maxNumberLength, int maxStringLength, int maxNameLength,
        int maxRecordBytes) {

    /**
     * Levels the store's own containers add above an entity's document: a field's retained history in
     * a snapshot sits eight levels down (snapshot, sections, history, types, type, entity, fields,
     * changes), records four; the rest is room for the format to grow.
     */
    public static final int ENVELOPE_DEPTH = 16;
    /** Jackson's serialisers recurse once per level: much deeper documents overflow a thread's stack. */
    public static final int CEILING_NESTING_DEPTH = 1000;
    /** Doubles and longs have at most 20 digits as Jackson writes them: every one of them passes. */
    public static final int FLOOR_NUMBER_LENGTH = 32;
    /** Parsing a number costs more than linear time in its digits. */
    public static final int CEILING_NUMBER_LENGTH = 100_000;
    /** Text cannot be larger than the largest record anyway. */
    public static final int CEILING_STRING_LENGTH = 256 * 1024 * 1024;
    /** The largest configurable name length, in characters. */
    public static final int CEILING_NAME_LENGTH = 1_000_000;
    /**
     * The largest scale (either sign) of a decimal: Smile keeps scales only up to 2^30 - 1, and JSON cannot
     * read back a scale of {@code Integer.MIN_VALUE}. Not configurable.
     */
    public static final int MAX_DECIMAL_SCALE = 1_000_000_000;

    /** A limit a value can break. */
    public enum Limit {
        /** Nesting depth of a document. */
        NESTING_DEPTH("max-nesting-depth"),
        /** Digits of a number. */
        NUMBER_LENGTH("max-number-length"),
        /** Characters of a text value. */
        STRING_LENGTH("max-string-length"),
        /** Characters of a property name or an id. */
        NAME_LENGTH("max-name-length"),
        /** Bytes of an encoded record. */
        RECORD_SIZE("max-record-size"),
        /** Characters of an idempotency key. */
        IDEMPOTENCY_KEY_LENGTH("max-key-length"),
        /** Scale of a decimal, either sign; not configurable. */
        DECIMAL_SCALE("decimal-scale"),
        /** Text that is not valid Unicode; not configurable. */
        UNPAIRED_SURROGATE("unicode");

        private final String propertyName;

        Limit(String propertyName) {
            this.propertyName = propertyName;
        }

        /**
         * The limit's name in messages and problem details: the last part of its configuration property
         * for a configurable one ({@code max-string-length} under {@code lithair.storage.limits},
         * {@code max-key-length} under {@code lithair.idempotency}), a name for a fixed rule.
         *
         * @return the limit's name
         */
        public String propertyName() {
            return propertyName;
        }
    }

    /**
     * A value over a limit.
     *
     * @param limit    which limit
     * @param path     where in the entity: {@code address.lines[2]}, a property name, or what else was measured
     * @param actual   the value's measure (digits, characters, bytes; for depth, the first level over the limit);
     *                 for an unpaired surrogate its index
     * @param maximum  the limit's value; 0 for an unpaired surrogate
     */
    public record Violation(Limit limit, String path, long actual, long maximum) {

        /**
         * One sentence: what is too large, by how much, and which limit.
         *
         * @return the sentence
         */
        public String describe() {
            return switch (limit) {
                case NESTING_DEPTH -> path + " nests values more than " + maximum
                        + " levels deep, the limit (max-nesting-depth)";
                case NUMBER_LENGTH -> path + " is a number of " + actual + " digits, more than the limit of " + maximum
                        + " (max-number-length)";
                case STRING_LENGTH -> path + " is a text of " + actual + " characters, more than the limit of "
                        + maximum + " (max-string-length)";
                case NAME_LENGTH -> path + " is a name of " + actual + " characters, more than the limit of " + maximum
                        + " (max-name-length)";
                case RECORD_SIZE -> path + " is " + actual + " bytes once encoded, more than the limit of " + maximum
                        + " (max-record-size)";
                case IDEMPOTENCY_KEY_LENGTH -> path + " is " + actual + " characters long, more than the limit of "
                        + maximum + " (max-key-length)";
                case DECIMAL_SCALE -> path + " is a decimal of scale " + actual + ", beyond the " + maximum
                        + " (either sign) that the store's formats keep";
                case UNPAIRED_SURROGATE -> path + " holds an unpaired UTF-16 surrogate at index " + actual
                        + ": it is not valid Unicode text and cannot be stored";
            };
        }
    }

    /**
     * Checks that each limit is within its floor and ceiling.
     *
     * @param maxNestingDepth  deepest entity document, 1 to {@link #CEILING_NESTING_DEPTH}
     * @param maxNumberLength  most digits of a number, {@link #FLOOR_NUMBER_LENGTH} to {@link #CEILING_NUMBER_LENGTH}
     * @param maxStringLength  longest text value, in characters
     * @param maxNameLength    longest property name (and entity id, a name in snapshots), in characters
     * @param maxRecordBytes   largest encoded record (one commit)
     */
    public ValueLimits {
        require(maxNestingDepth >= 1 && maxNestingDepth <= CEILING_NESTING_DEPTH,
                "maxNestingDepth must be between 1 and " + CEILING_NESTING_DEPTH + ", was " + maxNestingDepth);
        require(maxNumberLength >= FLOOR_NUMBER_LENGTH && maxNumberLength <= CEILING_NUMBER_LENGTH,
                "maxNumberLength must be between " + FLOOR_NUMBER_LENGTH + " and " + CEILING_NUMBER_LENGTH + ", was "
                        + maxNumberLength);
        require(maxStringLength >= 1 && maxStringLength <= CEILING_STRING_LENGTH,
                "maxStringLength must be between 1 and " + CEILING_STRING_LENGTH + ", was " + maxStringLength);
        require(maxNameLength >= 1 && maxNameLength <= CEILING_NAME_LENGTH,
                "maxNameLength must be between 1 and " + CEILING_NAME_LENGTH + ", was " + maxNameLength);
        require(maxRecordBytes >= 1024, "maxRecordBytes must be at least 1024, was " + maxRecordBytes);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * The defaults: what Jackson (and so Spring MVC) accepts when it parses a request, the store accepts
     * and reads back. Depth 500 and numbers of 1,000 digits are Jackson's read defaults, names of 50,000
     * characters cover its 50,000-byte default; text up to 20 million characters and records up to
     * 64 MiB keep one commit well inside the log's 256 MiB frame.
     *
     * @return the default limits
     */
    public static ValueLimits defaults() {
        return new ValueLimits(500, 1000, 20_000_000, 50_000, 64 * 1024 * 1024);
    }

    /**
     * The largest limits a store may be configured with, for tools that only read a data directory,
     * whatever its store's configuration (the CLI). Its record size is unbounded: a store refuses it.
     *
     * @return the largest limits
     */
    public static ValueLimits ceilings() {
        return new ValueLimits(CEILING_NESTING_DEPTH, CEILING_NUMBER_LENGTH, CEILING_STRING_LENGTH, CEILING_NAME_LENGTH,
                Integer.MAX_VALUE);
    }

    /**
     * These limits with another {@code maxNestingDepth}.
     *
     * @param depth the deepest entity document
     * @return the new limits
     */
    public ValueLimits withMaxNestingDepth(int depth) {
        return new ValueLimits(depth, maxNumberLength, maxStringLength, maxNameLength, maxRecordBytes);
    }

    /**
     * These limits with another {@code maxNumberLength}.
     *
     * @param digits the most digits of a number
     * @return the new limits
     */
    public ValueLimits withMaxNumberLength(int digits) {
        return new ValueLimits(maxNestingDepth, digits, maxStringLength, maxNameLength, maxRecordBytes);
    }

    /**
     * These limits with another {@code maxStringLength}.
     *
     * @param characters the longest text value, in characters
     * @return the new limits
     */
    public ValueLimits withMaxStringLength(int characters) {
        return new ValueLimits(maxNestingDepth, maxNumberLength, characters, maxNameLength, maxRecordBytes);
    }

    /**
     * These limits with another {@code maxNameLength}.
     *
     * @param characters the longest property name, in characters
     * @return the new limits
     */
    public ValueLimits withMaxNameLength(int characters) {
        return new ValueLimits(maxNestingDepth, maxNumberLength, maxStringLength, characters, maxRecordBytes);
    }

    /**
     * These limits with another {@code maxRecordBytes}.
     *
     * @param bytes the largest encoded record
     * @return the new limits
     */
    public ValueLimits withMaxRecordBytes(int bytes) {
        return new ValueLimits(maxNestingDepth, maxNumberLength, maxStringLength, maxNameLength, bytes);
    }

    /**
     * What Jackson accepts when it reads stored data: everything these limits let through, in its envelope.
     *
     * @return Jackson's read constraints
     */
    public StreamReadConstraints readConstraints() {
        return StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth + ENVELOPE_DEPTH)
                .maxNumberLength(maxNumberLength)
                .maxStringLength(maxStringLength)
                .maxNameLength((int) Math.min(Integer.MAX_VALUE, 3L * maxNameLength))
                .maxDocumentLength(-1)
                .build();
    }

    /**
     * What Jackson accepts when it writes: never less than what the write side's checks let through.
     *
     * @return Jackson's write constraints
     */
    public StreamWriteConstraints writeConstraints() {
        return StreamWriteConstraints.builder().maxNestingDepth(maxNestingDepth + ENVELOPE_DEPTH).build();
    }

    /**
     * The first value of an entity's document (an event payload holding the whole entity) over a limit, or {@code null}.
     *
     * @param document the entity's document
     * @return the violation, or {@code null}
     */
    public Violation checkDocument(JsonNode document) {
        return new ValueInspection(this).document(document);
    }

    /**
     * The first value over a limit in one field's value (a document's property, depth 2), or {@code null}.
     *
     * @param field the field's name
     * @param value its value
     * @return the violation, or {@code null}
     */
    public Violation checkFieldValue(String field, JsonNode value) {
        return new ValueInspection(this).fieldValue(field, value);
    }

    /**
     * The text over {@code maxLength} characters or holding an unpaired surrogate, or {@code null}.
     *
     * @param what      what the text is, for the message (a field's path)
     * @param text      the text
     * @param maxLength the most characters allowed
     * @param limit     the limit to report when the text is too long
     * @return the violation, or {@code null}
     */
    public static Violation checkText(String what, String text, int maxLength, Limit limit) {
        if (text == null) {
            return null;
        }
        if (text.length() > maxLength) {
            return new Violation(limit, what, text.length(), maxLength);
        }
        int unpaired = ValueInspection.unpairedSurrogate(text);
        return unpaired < 0 ? null : new Violation(Limit.UNPAIRED_SURROGATE, what, unpaired, 0);
    }
}
