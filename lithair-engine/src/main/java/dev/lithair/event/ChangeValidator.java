package dev.lithair.event;

import java.util.List;

/**
 * Checks a whole commit's changes against the current state before the commit is accepted; throws
 * to reject it, in which case nothing of it is applied or logged. Called on the single writer
 * thread, so the state it reads cannot change while it checks.
 *
 * <p>The local writer accepts a commit before it is durable and applies it only once it is: a
 * validator that reads what applied events maintain (an index) is notified of accepted changes with
 * {@link #pending}, so that the next commits are checked as if they were applied, and forgets them
 * with {@link #settled} once they are applied, or with {@link #discardPending} when the store drops
 * every accepted change it had not applied (a storage failure). All on the writer's thread.
 */
public interface ChangeValidator {

    /**
     * Checks a commit's changes against the current state.
     *
     * @param changes the commit's changes, in order
     * @throws RuntimeException to reject the commit whole
     */
    void validate(List<ProposedChange> changes);

    /**
     * {@code changes} passed {@link #validate} and will be applied later: validations from now on treat
     * them as applied.
     *
     * @param changes the accepted changes
     * @return what {@link #settled} needs to forget them, or {@code null} when nothing was remembered
     */
    default Object pending(List<ProposedChange> changes) {
        return null;
    }

    /**
     * The changes {@link #pending} returned {@code remembered} for are applied now (or dropped).
     *
     * @param remembered what {@link #pending} returned for them
     */
    default void settled(Object remembered) {
    }

    /** Every change passed to {@link #pending} and not settled is dropped: forget them all. */
    default void discardPending() {
    }
}
