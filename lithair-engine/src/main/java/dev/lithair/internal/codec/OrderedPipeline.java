package dev.lithair.internal.codec;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Works on batches on helper threads, ahead of the one thread that consumes the results, and hands
 * each result over in the order its batch was submitted, on the submitting thread. Recovery uses it
 * so that decoding (bytes to events and entities, which depends on nothing but the bytes) runs in
 * parallel with applying (which must stay in log order on one thread); snapshots, so that encoding
 * chunks runs in parallel with writing them in order.
 *
 * <p>At most {@code window} batches are pending: submitting one more first consumes the oldest, so
 * memory stays bounded whatever the log size. A failure, working or consuming, surfaces on the
 * consuming thread when that batch's turn comes, never earlier: the batches before it are consumed
 * first, exactly as a sequential decode-then-apply loop would have done.
 *
 * <p>Not thread-safe: one thread submits and consumes. {@link #close()} stops the helpers and drops
 * what is pending (after a failure); call {@link #drain()} first to consume it.
 */
public final class OrderedPipeline<I, O> implements AutoCloseable {

    private record Pending<I, O>(I batch, Future<O> result) {
    }

    private final Function<I, O> work;
    private final BiConsumer<I, O> consume;
    private final int window;
    private final ExecutorService helpers;
    private final ArrayDeque<Pending<I, O>> pending = new ArrayDeque<>();

    /**
     * @param work    what the helpers do with a batch; thread-safe
     * @param consume what the submitting thread does with a batch's result, in submission order
     * @param threads helper threads
     * @param name    prefix of the helper threads' names
     */
    public OrderedPipeline(Function<I, O> work, BiConsumer<I, O> consume, int threads, String name) {
        this.work = work;
        this.consume = consume;
        this.window = 4 * threads;
        AtomicInteger counter = new AtomicInteger();
        this.helpers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Helper threads worth starting on this machine: the cores beside the consuming thread's, 1 to 3. */
    public static int helperThreads() {
        return Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors() - 1));
    }

    /** Queues a batch for the helpers; consumes the oldest pending batches first when the window is full. */
    public void submit(I batch) {
        while (pending.size() >= window) {
            consumeOldest();
        }
        pending.add(new Pending<>(batch, helpers.submit(() -> work.apply(batch))));
    }

    /** Consumes every pending batch, in order. */
    public void drain() {
        while (!pending.isEmpty()) {
            consumeOldest();
        }
    }

    private void consumeOldest() {
        Pending<I, O> oldest = pending.poll();
        consume.accept(oldest.batch(), await(oldest.result()));
    }

    private static <O> O await(Future<O> result) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                } catch (CancellationException e) {
                    throw new IllegalStateException("the work was cancelled", e);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        pending.forEach(dropped -> dropped.result().cancel(true));
        pending.clear();
        helpers.shutdownNow();
    }
}
