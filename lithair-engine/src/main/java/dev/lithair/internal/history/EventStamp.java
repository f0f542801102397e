package dev.lithair.internal.history;

import java.time.Instant;

/**
 * What one event stamps on every change it makes: its sequence, instant, id and actor. One instance
 * is shared by all the changes of one event (a creation changes every historized field at once), so
 * a retained change holds one reference instead of its own copy of each. Immutable.
 *
 * <p>The event id is not held when it is the store's default, {@code type:id:sequence} (an event
 * committed without an idempotency key): a change rebuilds it from its entity when it is read, the
 * way a snapshot already stores it.
 *
 * <p>The event of an entity with a {@code @Version} stamps the version it left ({@link Versioned}):
 * the version then needs no history of its own, since every retained change already holds its event's
 * stamp, and as-of reads answer it as far back as the other fields are known, for 8 bytes per stamp.
 */
sealed class EventStamp permits EventStamp.Versioned {

    private final long sequence;
    private final Instant timestamp;
    /** {@code null} when it is the default {@code type:id:sequence}. */
    private final String eventId;
    private final String actor;

    private EventStamp(long sequence, Instant timestamp, String eventId, String actor) {
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.eventId = eventId;
        this.actor = actor;
    }

    /**
     * The stamp of an event of entity {@code type}/{@code id}.
     *
     * @param eventId the event's id; {@code null} stands for the default one
     * @param actor   who made it, or {@code null}
     */
    static EventStamp of(String type, String id, long sequence, Instant timestamp, String eventId, String actor) {
        return new EventStamp(sequence, timestamp, explicit(eventId, type, id, sequence), actor);
    }

    /** The stamp of an event that left entity {@code type}/{@code id} at {@code version}; see {@link #of}. */
    static EventStamp versioned(String type, String id, long sequence, Instant timestamp, String eventId, String actor,
            long version) {
        return new Versioned(sequence, timestamp, explicit(eventId, type, id, sequence), actor, version);
    }

    private static String explicit(String eventId, String type, String id, long sequence) {
        return eventId == null || isDefaultEventId(eventId, type, id, sequence) ? null : eventId;
    }

    /** Whether the stamp holds the version its event left the entity at. */
    boolean hasVersion() {
        return false;
    }

    /**
     * The version the event left the entity at.
     *
     * @throws IllegalStateException when the stamp holds none ({@link #hasVersion()})
     */
    long version() {
        throw new IllegalStateException("the event at sequence " + sequence + " holds no version");
    }

    long sequence() {
        return sequence;
    }

    Instant timestamp() {
        return timestamp;
    }

    String actor() {
        return actor;
    }

    /** The event's id, built when it is the default one of the entity {@code type}/{@code id}. */
    String eventId(String type, String id) {
        return eventId != null ? eventId : defaultEventId(type, id, sequence);
    }

    /** The event's id, or {@code null} when it is the default one. */
    String explicitEventId() {
        return eventId;
    }

    /** The event id the store gives an event committed without an idempotency key. */
    static String defaultEventId(String type, String id, long sequence) {
        return type + ":" + id + ":" + sequence;
    }

    /** Whether {@code eventId} is {@link #defaultEventId}, without building it (on the writer, at every event). */
    static boolean isDefaultEventId(String eventId, String type, String id, long sequence) {
        int typeEnd = type.length();
        int idEnd = typeEnd + 1 + id.length();
        if (eventId.length() <= idEnd + 1 || !eventId.startsWith(type) || eventId.charAt(typeEnd) != ':'
                || !eventId.startsWith(id, typeEnd + 1) || eventId.charAt(idEnd) != ':') {
            return false;
        }
        return isDecimal(eventId, idEnd + 1, sequence);
    }

    /** The stamp of an event of an entity with a {@code @Version}: also the version the event left it at. */
    static final class Versioned extends EventStamp {

        private final long version;

        private Versioned(long sequence, Instant timestamp, String eventId, String actor, long version) {
            super(sequence, timestamp, eventId, actor);
            this.version = version;
        }

        @Override
        boolean hasVersion() {
            return true;
        }

        @Override
        long version() {
            return version;
        }
    }

    /** Whether {@code text} from {@code start} to its end is {@code value} in decimal, as {@code Long.toString} writes it. */
    private static boolean isDecimal(String text, int start, long value) {
        if (value < 0) {
            return text.substring(start).equals(Long.toString(value));
        }
        long rest = value;
        for (int i = text.length() - 1; i >= start; i--) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || (rest == 0 && i < text.length() - 1) || c - '0' != rest % 10) {
                return false;
            }
            rest /= 10;
        }
        return rest == 0;
    }
}
