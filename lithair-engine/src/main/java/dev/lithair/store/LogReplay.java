package dev.lithair.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.lithair.event.EventEnvelope;
import dev.lithair.event.EventType;
import dev.lithair.exception.LogCorruptedException;
import dev.lithair.internal.codec.OrderedPipeline;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.codec.RecordCodec;
import dev.lithair.internal.log.Frame;
import dev.lithair.internal.log.SegmentedLog;
import dev.lithair.model.EntityTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays the log onto the recovered state while the log is opened: the records after the snapshot
 * are decoded on helper threads (bytes to events, and each created entity from its payload, which
 * depend on nothing but the record), in batches, ahead of the opening thread, which checks each
 * record's hash-chain link and applies it to the state, one record at a time, in log order: the same
 * checks and the same {@link StoreState#apply} as a sequential replay, with the same outcome, the same
 * first error and the same error location.
 *
 * <p>Not thread-safe: the thread opening the log visits the records and applies them.
 */
final class LogReplay implements SegmentedLog.RecordVisitor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogReplay.class);
    private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** A batch is handed to a helper once it holds this many body bytes or records. */
    private static final int BATCH_BYTES = 256 * 1024;
    private static final int BATCH_RECORDS = 256;

    /** Consecutive records of one segment. */
    private record Batch(Path segment, List<Frame> frames, long bytesScanned, long totalBytes) {
    }

    /**
     * A record decoded, with the entity each of its events creates ({@code null} for the others); no
     * record when the snapshot already covers it, or when its bytes (intact, as their checksum says)
     * could not be decoded: then why.
     */
    private record Decoded(LogRecord record, List<Object> created, RuntimeException undecodable) {
    }

    private final RecordCodec codec;
    private final EntityTypes types;
    private final StoreState state;
    private final RecordChain chain;
    private final long snapshotSequence;
    private final OrderedPipeline<Batch, List<Decoded>> pipeline;
    private final long started = System.nanoTime();
    private long lastProgress = started;
    private Path segment;
    private List<Frame> frames = new ArrayList<>();
    private int batchBytes;
    private long replayed;

    /**
     * @param snapshotSequence the sequence the state was restored up to: records up to it are checked
     *                         and followed by the chain, not applied
     */
    LogReplay(RecordCodec codec, StoreState state, RecordChain chain, long snapshotSequence) {
        this.codec = codec;
        this.types = state.types();
        this.state = state;
        this.chain = chain;
        this.snapshotSequence = snapshotSequence;
        this.pipeline = new OrderedPipeline<>(this::decode, this::apply, OrderedPipeline.helperThreads(),
                "lithair-replay");
    }

    /** Records applied so far. */
    long replayed() {
        return replayed;
    }

    @Override
    public void enteringSegment(Path next) {
        submitBatch(0, 0);
        segment = next;
    }

    @Override
    public void visit(Frame frame, long bytesScanned, long totalBytes) {
        frames.add(frame);
        batchBytes += frame.body().length;
        if (batchBytes >= BATCH_BYTES || frames.size() >= BATCH_RECORDS) {
            submitBatch(bytesScanned, totalBytes);
        }
    }

    @Override
    public void endOfRecords() {
        submitBatch(0, 0);
        pipeline.drain();
    }

    private void submitBatch(long bytesScanned, long totalBytes) {
        if (!frames.isEmpty()) {
            pipeline.submit(new Batch(segment, frames, bytesScanned, totalBytes));
            frames = new ArrayList<>();
            batchBytes = 0;
        }
    }

    /** On a helper thread: what does not depend on the state. */
    private List<Decoded> decode(Batch batch) {
        List<Decoded> decoded = new ArrayList<>(batch.frames().size());
        for (Frame frame : batch.frames()) {
            if (frame.lastSequence() <= snapshotSequence) {
                decoded.add(new Decoded(null, null, null));
                continue;
            }
            try {
                LogRecord record = codec.decode(frame.format(), frame.body(), 0, frame.body().length);
                if (record.firstSequence() != frame.firstSequence() || record.events().size() != frame.eventCount()) {
                    throw new IllegalStateException("its events (sequences " + record.firstSequence() + ".."
                            + record.lastSequence() + ") are not those its frame announces (" + frame.firstSequence()
                            + ".." + frame.lastSequence() + ")");
                }
                List<Object> created = new ArrayList<>(record.events().size());
                for (EventEnvelope event : record.events()) {
                    created.add(event.eventType() == EventType.CREATED
                            ? types.codec(event.entityType()).fromPayload((ObjectNode) event.payload(), event.entityId())
                            : null);
                }
                decoded.add(new Decoded(record, created, null));
            } catch (RuntimeException undecodable) {
                decoded.add(new Decoded(null, null, undecodable));
            }
        }
        return decoded;
    }

    /**
     * Why a record with an intact checksum cannot be read. Over the value limits, it was written under
     * higher ones (the store refuses to write what they refuse): raising them back reads it.
     */
    private String undecodable(RuntimeException cause) {
        String reason = cause instanceof JacksonException jackson ? jackson.getOriginalMessage() : cause.toString();
        if (cause instanceof StreamConstraintsException) {
            return "the record is over this store's value limits (" + reason + "); it was written under higher limits: "
                    + "raise them (lithair.storage.limits.*) to read it";
        }
        return "the record's checksum is intact but it cannot be decoded (" + reason + ")";
    }

    /** On the opening thread, in log order: the chain's check, then the state. */
    private void apply(Batch batch, List<Decoded> decoded) {
        for (int i = 0; i < decoded.size(); i++) {
            Frame frame = batch.frames().get(i);
            Decoded record = decoded.get(i);
            if (record.undecodable() != null) {
                throw new LogCorruptedException(batch.segment(), frame.offset(), undecodable(record.undecodable()),
                        record.undecodable());
            }
            try {
                chain.recovered(frame, record.record());
                if (record.record() != null) {
                    state.apply(record.record(), record.created());
                    replayed++;
                }
            } catch (LogCorruptedException unlocated) {
                if (unlocated.file() != null) {
                    throw unlocated;
                }
                throw new LogCorruptedException(batch.segment(), frame.offset(), unlocated.getMessage());
            } catch (RuntimeException inapplicable) {
                // Start-up stops here either way; saying which record, and where, is what lets someone act on it.
                throw new LogCorruptedException(batch.segment(), frame.offset(),
                        "the record's checksum is intact but it cannot be applied to the state before it ("
                                + inapplicable + ")", inapplicable);
            }
        }
        long now = System.nanoTime();
        if (now - lastProgress > PROGRESS_EVERY_NANOS && batch.totalBytes() > 0) {
            double seconds = (now - started) / 1e9;
            log.info("Replaying log: {} records applied ({} records/s), {}% of {} bytes scanned", replayed,
                    Math.round(replayed / seconds), batch.bytesScanned() * 100 / batch.totalBytes(), batch.totalBytes());
            lastProgress = now;
        }
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
