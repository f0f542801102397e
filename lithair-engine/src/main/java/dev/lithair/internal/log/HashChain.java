package dev.lithair.internal.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.lithair.event.StorageFormat;
import dev.lithair.event.ValueLimits;
import dev.lithair.exception.LogCorruptedException;
import dev.lithair.internal.codec.RecordCodec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Tamper evidence for the log. With the chain on ({@code StoreOptions.withHashChain(true)}) every
 * record carries {@code previousHash}, the hash of the record before it, so that altering, removing
 * or inserting a record, even with its checksum recomputed, breaks the link of the record after it.
 *
 * <p><b>The hash of a record</b> is the SHA-256 of the bytes its frame's CRC32C covers:
 * {@code [long firstSequence][int eventCount][byte format marker][body]}, big-endian, as in
 * {@link Frame}; written as 64 lowercase hexadecimal digits. The body holds the record's own
 * {@code previousHash}, so each hash covers the whole log before it. The record of sequence 1 names
 * {@link #GENESIS}. A record whose predecessor is no longer in the log (compacted away) is checked
 * against the hash the snapshot kept of it, when there is one.
 *
 * <p><b>Limits.</b> A record is protected by the records after it: the newest record, or a whole
 * suffix rewritten with a recomputed chain, cannot be detected from the log alone. Keep
 * {@link Report#head()} elsewhere (or sign it) to protect the end. Records without a
 * {@code previousHash} (written with the chain off) are counted, not checked.
 *
 * <p>Thread-safe; a {@link Verifier} is not.
 */
public final class HashChain {

    /** The previous hash of the first record of a log. */
    public static final String GENESIS = "0".repeat(64);

    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private HashChain() {
    }

    /** The hash of the record a frame holds. */
    public static String hashOf(Frame frame) {
        return hashOf(frame.firstSequence(), frame.eventCount(), frame.format(), frame.body());
    }

    /** The hash of the record that is (or will be) framed from these values. */
    public static String hashOf(long firstSequence, int eventCount, StorageFormat format, byte[] body) {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        ByteBuffer header = ByteBuffer.allocate(Frame.CHECKED_HEADER_BYTES);
        header.putLong(firstSequence).putInt(eventCount).put(format.marker());
        digest.update(header.array());
        digest.update(body);
        return HEX.formatHex(digest.digest());
    }

    /**
     * Follows a log's records in order and checks each record's {@code previousHash} against the
     * record before it. Used by recovery and by tools that read the log.
     */
    public static final class Verifier {

        private final long anchorSequence;
        private final String anchorHash;
        private Frame previous;
        private String previousHash;
        private long records;
        private long verified;
        private long unchained;
        private long unanchored;

        /** A verifier that knows no hash beyond the log itself. */
        public Verifier() {
            this(-1, null);
        }

        /**
         * @param anchorSequence last sequence of a record that may be missing from the log
         * @param anchorHash     that record's hash, kept elsewhere (a snapshot), or {@code null}
         */
        public Verifier(long anchorSequence, String anchorHash) {
            this.anchorSequence = anchorSequence;
            this.anchorHash = anchorHash;
        }

        /**
         * Checks the link of the next record, then moves past it.
         *
         * @param previousHash the previous hash the record carries, {@code null} when it has none
         * @throws LogCorruptedException when the link is broken (without a file: the caller knows it)
         */
        public void check(Frame frame, String previousHash) {
            if (previousHash == null) {
                unchained++;
            } else {
                String expected = hashThrough(frame.firstSequence() - 1);
                if (expected == null) {
                    unanchored++;
                } else if (!expected.equals(previousHash)) {
                    throw new LogCorruptedException("hash chain broken at the record of sequence "
                            + frame.firstSequence() + ": it names " + previousHash + " as the hash of the record "
                            + "before it, which hashes to " + expected + ". A record at or before sequence "
                            + frame.firstSequence() + " was altered, removed or inserted");
                } else {
                    verified++;
                }
            }
            pass(frame);
        }

        /** Moves past the next record without checking it. */
        public void pass(Frame frame) {
            previous = frame;
            previousHash = null;
            records++;
        }

        /**
         * The hash of the record that ends at {@code sequence} if known: the last record passed, the
         * anchor, or {@link #GENESIS} for 0; {@code null} otherwise.
         */
        public String hashThrough(long sequence) {
            if (previous != null && previous.lastSequence() == sequence) {
                if (previousHash == null) {
                    previousHash = hashOf(previous);
                }
                return previousHash;
            }
            if (anchorHash != null && anchorSequence == sequence) {
                return anchorHash;
            }
            return sequence == 0 ? GENESIS : null;
        }

        /** What the records seen so far showed. */
        public Report report() {
            long last = previous == null ? Math.max(anchorSequence, 0) : previous.lastSequence();
            return new Report(records, verified, unchained, unanchored, last, hashThrough(last));
        }
    }

    /**
     * The outcome of a verification.
     *
     * @param records       records read
     * @param linksVerified records whose previous hash matched the record before them
     * @param unchained     records without a previous hash (written with the chain off)
     * @param unanchored    records with a previous hash that could not be checked: the record before
     *                      them is not in the log (compacted) and no anchor was given
     * @param lastSequence  sequence of the last event read
     * @param head          hash of the last record, to compare with a copy kept elsewhere; {@code null}
     *                      when unknown
     */
    public record Report(long records, long linksVerified, long unchained, long unanchored, long lastSequence,
            String head) {
    }

    /**
     * Verifies the chain of every segment of a data directory, reading only: nothing is truncated or
     * repaired.
     *
     * @throws LogCorruptedException naming file and offset at a broken link or damaged bytes (a torn
     *                               tail included: opening the store truncates it)
     */
    public static Report verify(Path directory) throws IOException {
        RecordCodec codec = new RecordCodec(StorageFormat.JSON, ValueLimits.ceilings());
        Verifier verifier = new Verifier();
        for (Path segment : LogScanner.segmentFiles(directory)) {
            try (SegmentReader reader = new SegmentReader(segment)) {
                while (true) {
                    SegmentReader.Result next = reader.next();
                    if (next instanceof SegmentReader.End) {
                        break;
                    }
                    if (next instanceof SegmentReader.Damaged damaged) {
                        throw new LogCorruptedException(segment, damaged.offset(), damaged.reason());
                    }
                    Frame frame = ((SegmentReader.Valid) next).frame();
                    try {
                        verifier.check(frame, previousHashOf(codec, frame));
                    } catch (LogCorruptedException broken) {
                        throw new LogCorruptedException(segment, frame.offset(), broken.getMessage());
                    } catch (JacksonException unreadable) {
                        throw new LogCorruptedException(segment, frame.offset(), "unreadable record: "
                                + unreadable.getOriginalMessage());
                    }
                }
            }
        }
        return verifier.report();
    }

    private static String previousHashOf(RecordCodec codec, Frame frame) {
        JsonNode hash = codec.mapper(frame.format()).readTree(frame.body()).get("previousHash");
        return hash == null || hash.isNull() ? null : hash.asString();
    }
}
