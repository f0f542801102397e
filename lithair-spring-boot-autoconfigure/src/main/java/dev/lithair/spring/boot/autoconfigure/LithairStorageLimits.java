package dev.lithair.spring.boot.autoconfigure;

import org.springframework.util.unit.DataSize;

/**
 * The largest values a save may hold. They bound both what is written and what is read back, so a
 * save over them is refused (DataIntegrityViolationException naming the field and the limit) and
 * every accepted save reads back after a restart. The defaults accept whatever Spring MVC's JSON
 * parser accepts by default. Lowering a limit below data already stored makes start-up fail on
 * that data: raise it again to open the store.
 *
 * <p>Bound under {@code lithair.storage.limits}, as part of {@link LithairProperties}.
 */
public class LithairStorageLimits {

    /**
     * Deepest nesting of objects and arrays in an entity, its root object counting as 1 (at most
     * 1000). The default is Jackson's default read limit.
     */
    private int maxNestingDepth = 500;

    /**
     * Most digits in a number (integer, fraction and exponent digits), from 32 to 100000. The default
     * is Jackson's default read limit.
     */
    private int maxNumberLength = 1000;

    /** Longest text value, in UTF-16 characters; binary values count as their base64 text. */
    private int maxStringLength = 20_000_000;

    /**
     * Longest property name, in characters; entity ids are bounded by it too (they are property names
     * in snapshots).
     */
    private int maxNameLength = 50_000;

    /**
     * Largest record once encoded, that is one commit (a transaction's saves together); at most the
     * log's 256MB frame.
     */
    private DataSize maxRecordSize = DataSize.ofMegabytes(64);

    /** Bound by Spring Boot from {@code lithair.storage.limits.*}. */
    public LithairStorageLimits() {
    }

    /** {@return {@code lithair.storage.limits.max-nesting-depth}} */
    public int getMaxNestingDepth() {
        return maxNestingDepth;
    }

    /**
     * Sets {@code lithair.storage.limits.max-nesting-depth}.
     *
     * @param maxNestingDepth the new value
     */
    public void setMaxNestingDepth(int maxNestingDepth) {
        this.maxNestingDepth = maxNestingDepth;
    }

    /** {@return {@code lithair.storage.limits.max-number-length}} */
    public int getMaxNumberLength() {
        return maxNumberLength;
    }

    /**
     * Sets {@code lithair.storage.limits.max-number-length}.
     *
     * @param maxNumberLength the new value
     */
    public void setMaxNumberLength(int maxNumberLength) {
        this.maxNumberLength = maxNumberLength;
    }

    /** {@return {@code lithair.storage.limits.max-string-length}} */
    public int getMaxStringLength() {
        return maxStringLength;
    }

    /**
     * Sets {@code lithair.storage.limits.max-string-length}.
     *
     * @param maxStringLength the new value
     */
    public void setMaxStringLength(int maxStringLength) {
        this.maxStringLength = maxStringLength;
    }

    /** {@return {@code lithair.storage.limits.max-name-length}} */
    public int getMaxNameLength() {
        return maxNameLength;
    }

    /**
     * Sets {@code lithair.storage.limits.max-name-length}.
     *
     * @param maxNameLength the new value
     */
    public void setMaxNameLength(int maxNameLength) {
        this.maxNameLength = maxNameLength;
    }

    /** {@return {@code lithair.storage.limits.max-record-size}} */
    public DataSize getMaxRecordSize() {
        return maxRecordSize;
    }

    /**
     * Sets {@code lithair.storage.limits.max-record-size}.
     *
     * @param maxRecordSize the new value
     */
    public void setMaxRecordSize(DataSize maxRecordSize) {
        this.maxRecordSize = maxRecordSize;
    }
}
