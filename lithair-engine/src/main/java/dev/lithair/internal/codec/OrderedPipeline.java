package dev.lithair.internal.codec;

import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
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
 * memory stays bounded whatever the log size. A pipeline whose work outweighs its consuming may let
 * the consuming thread work too: while the oldest batch's result is not ready, it works on pending
 * batches no helper has started rather than wait (on two cores there is one helper). Where the
 * consuming thread has more to do than the helpers, as in a log replay, it must not: each batch it
 * takes delays what only it can do. A failure, working or consuming, surfaces on the
 * consuming thread when that batch's turn comes, never earlier: the batches before it are consumed
 * first, exactly as a sequential decode-then-apply loop would have done.
 *
 * <p>Not thread-safe: one thread submits and consumes. {@link #close()} stops the helpers and drops
 * what is pending (after a failure); call {@link #drain()} first to consume it.
 */
public final class OrderedPipeline<I, O> implements AutoCloseable {

    private record Pending<I, O>(I batch, RunnableFuture<O> result) {
    }

    private final Function<I, O> work;
    private final BiConsumer<I, O> consume;
    private final int window;
    private final boolean consumerWorks;
    private final ExecutorService helpers;
    private final ArrayDeque<Pending<I, O>> pending = new ArrayDeque<>();

    /**
     * @param work    what the helpers do with a batch; thread-safe
     * @param consume what the submitting thread does with a batch's result, in submission order
     * @param threads helper threads
     * @param name    prefix of the helper threads' names
     */
    public OrderedPipeline(Function<I, O> work, BiConsumer<I, O> consume, int threads, String name) {
        this(work, consume, threads, name, false);
    }

    /**
     * @param work          what the helpers do with a batch; thread-safe
     * @param consume       what the submitting thread does with a batch's result, in submission order
     * @param threads       helper threads
     * @param name          prefix of the helper threads' names
     * @param consumerWorks whether the consuming thread works on pending batches while it waits
     */
    public OrderedPipeline(Function<I, O> work, BiConsumer<I, O> consume, int threads, String name,
            boolean consumerWorks) {
        this.work = work;
        this.consume = consume;
        this.consumerWorks = consumerWorks;
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
        RunnableFuture<O> result = new FutureTask<>(() -> work.apply(batch));
        helpers.execute(result);
        pending.add(new Pending<>(batch, result));
    }

    /** Consumes every pending batch, in order. */
    public void drain() {
        while (!pending.isEmpty()) {
            consumeOldest();
        }
    }

    private void consumeOldest() {
        Pending<I, O> oldest = pending.poll();
        if (consumerWorks) {
            helpUntilDone(oldest.result());
        }
        consume.accept(oldest.batch(), await(oldest.result()));
    }

    /**
     * Works, on this thread, on the oldest batch and then on later ones while {@code oldest} is not
     * done. A task a helper already runs or ran returns at once from {@code run}, and one run here
     * returns at once when a helper reaches it, so each batch is worked on exactly once.
     */
    private void helpUntilDone(RunnableFuture<O> oldest) {
        oldest.run();
        for (Pending<I, O> later : pending) {
            if (oldest.isDone()) {
                return;
            }
            later.result().run();
        }
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
