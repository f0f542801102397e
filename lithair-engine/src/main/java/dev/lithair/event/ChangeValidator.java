package dev.lithair.event;

import java.util.List;

/**
 * Checks a whole commit's changes against the current state before the commit is accepted; throws
 * to reject it, in which case nothing of it is applied or logged. Called on the single writer
 * thread, so the state it reads cannot change while it checks.
 */
public interface ChangeValidator {

    void validate(List<ProposedChange> changes);
}
