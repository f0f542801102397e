package dev.lithair.log;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The waiters made durable by one force, told by whichever thread claims each of them next. The
 * forcing thread tells waiters only until one of them relays ({@link DurabilityWaiter#durable(DurableBatch)}
 * returned {@code true}), then goes back to forcing; each relaying waiter's thread, once it runs,
 * tells whatever nobody has claimed yet, so the wake-ups spread over every thread that was woken
 * and every CPU. Waking a parked thread costs microseconds (a futex wake, often an interrupt to a
 * halted CPU): one thread telling a batch of 64 waiters one after another takes longer than a force.
 *
 * <p>Thread-safe: each waiter is claimed, and told, by exactly one thread.
 */
public final class DurableBatch {

    private final DurabilityWaiter[] waiters;
    private final AtomicInteger nextToTell = new AtomicInteger();

    DurableBatch(List<? extends DurabilityWaiter> waiters) {
        this.waiters = waiters.toArray(new DurabilityWaiter[0]);
    }

    /**
     * Tells waiters in order until {@code relays} of them promised to tell the rest, or every waiter
     * was told.
     */
    void tellUntilRelayed(int relays) {
        int promised = 0;
        int index;
        while (promised < relays && (index = nextToTell.getAndIncrement()) < waiters.length) {
            if (waiters[index].durable(this)) {
                promised++;
            }
        }
    }

    /** Tells every waiter nobody has claimed yet; called by the thread of a waiter that relays. */
    public void tellRest() {
        int index;
        while ((index = nextToTell.getAndIncrement()) < waiters.length) {
            waiters[index].durable(this);
        }
    }
}
