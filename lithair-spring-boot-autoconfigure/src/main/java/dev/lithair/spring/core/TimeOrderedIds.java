package dev.lithair.spring.core;

import java.util.UUID;

/**
 * The ids Lithair generates: UUIDs of version 7 (RFC 9562), the creation millisecond in the first 48
 * bits and 74 random bits from {@link UUID#randomUUID()}, so that ids sort by creation time, in their
 * {@code String} form too.
 *
 * <p>Why not random UUIDs: pages of an unsorted query are in id order, so with these ids they list
 * entities in the order they were created; and a new id goes to the end of the ordered structures that
 * hold ids (the ids of an indexed value), next to the previous one, rather than anywhere in them. Like
 * any version 7 UUID, an id tells when it was created.
 */
final class TimeOrderedIds {

    private static final long VERSION_7 = 0x7000L;
    private static final long RANDOM_A_BITS = 0x0FFFL;

    private TimeOrderedIds() {
    }

    /** A new id for now. */
    static UUID next() {
        return at(System.currentTimeMillis(), UUID.randomUUID());
    }

    /**
     * The version 7 UUID of millisecond {@code epochMillis} keeping the random bits of {@code random}, a
     * version 4 UUID: its variant bits are already the ones version 7 needs.
     */
    static UUID at(long epochMillis, UUID random) {
        long mostSignificant = (epochMillis << 16) | VERSION_7 | (random.getMostSignificantBits() & RANDOM_A_BITS);
        return new UUID(mostSignificant, random.getLeastSignificantBits());
    }
}
