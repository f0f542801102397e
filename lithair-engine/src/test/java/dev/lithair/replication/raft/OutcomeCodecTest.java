package dev.lithair.replication.raft;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.lithair.event.ValueLimits;
import dev.lithair.exception.ValueLimitException;

/** A follower's caller gets the leader's refusal as the same typed exception, with the same fields. */
class OutcomeCodecTest {

    private final OutcomeCodec codec = new OutcomeCodec(ValueLimits.defaults());

    @Test
    void aValueLimitRefusalOnTheLeaderIsTheSameValueLimitExceptionOnTheFollower() {
        ValueLimitException refused = new ValueLimitException("Account", "a1", "notes.items[3]",
                ValueLimits.Limit.NUMBER_LENGTH, 1200, 1000,
                "Account a1: notes.items[3] is a number of 1200 digits, more than the limit of 1000 (max-number-length)");

        assertThatThrownBy(() -> codec.read(codec.failure(refused))).isInstanceOfSatisfying(ValueLimitException.class,
                forwarded -> org.assertj.core.api.Assertions.assertThat(forwarded)
                        .hasMessage(refused.getMessage())
                        .extracting(ValueLimitException::entityType, ValueLimitException::entityId,
                                ValueLimitException::field, ValueLimitException::limit, ValueLimitException::actual,
                                ValueLimitException::maximum)
                        .containsExactly("Account", "a1", "notes.items[3]", ValueLimits.Limit.NUMBER_LENGTH, 1200L,
                                1000L));
    }
}
