package dev.lithair.backup;

import java.time.Instant;
import java.util.Objects;

/** How much of a backup a restore keeps: all of it, the commits up to a sequence, or up to an instant. */
public sealed interface RestorePoint {

    /** {@return everything the backup holds} */
    static RestorePoint end() {
        return new End();
    }

    /**
     * The commits up to sequence {@code sequence}, which must be the last sequence of a commit.
     *
     * @param sequence the last sequence to keep, 1 or more
     * @return the restore point
     */
    static RestorePoint sequence(long sequence) {
        return new Sequence(sequence);
    }

    /**
     * The commits up to the last one before the first commit stamped after {@code instant}: every commit kept
     * was stamped at or before it.
     *
     * @param instant the last instant to keep
     * @return the restore point
     */
    static RestorePoint time(Instant instant) {
        return new Time(instant);
    }

    /** Everything the backup holds. */
    record End() implements RestorePoint {
    }

    /**
     * Up to a sequence, 1 or more.
     *
     * @param sequence the last sequence to keep
     */
    record Sequence(long sequence) implements RestorePoint {
        /**
         * Refuses a sequence below 1.
         *
         * @param sequence the last sequence to keep
         */
        public Sequence {
            if (sequence < 1) {
                throw new IllegalArgumentException("a restore sequence is 1 or more, got " + sequence);
            }
        }
    }

    /**
     * Up to an instant.
     *
     * @param instant the last commit time to keep
     */
    record Time(Instant instant) implements RestorePoint {
        /**
         * Requires the instant.
         *
         * @param instant the last instant to keep
         */
        public Time {
            Objects.requireNonNull(instant, "instant");
        }
    }
}
