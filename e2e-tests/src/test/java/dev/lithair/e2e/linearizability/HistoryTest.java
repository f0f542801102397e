package dev.lithair.e2e.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class HistoryTest {

    private final AtomicLong clock = new AtomicLong();
    private final History history = new History(() -> clock.addAndGet(10));

    @Test
    void anAcknowledgedWriteAndAnAnsweredReadAreRecordedWithTheirTimes() {
        History.Pending write = history.invokeWrite("c1", "x", "1");
        write.written();
        History.Pending read = history.invokeRead("c2", "x");
        read.read("1");

        assertThat(history.operations()).containsExactly(
                Operation.write(1, "c1", "x", "1", 10, 20),
                Operation.read(2, "c2", "x", "1", 30, 40));
    }

    @Test
    void aWriteWithoutAnswerIsKeptWithAnUnknownOutcomeAndAReadWithoutAnswerIsLeftOut() {
        history.invokeWrite("c1", "x", "1").unknown();
        history.invokeRead("c2", "x").unknown();

        assertThat(history.operations()).singleElement()
                .satisfies(operation -> assertThat(operation.isIndeterminate()).isTrue())
                .satisfies(operation -> assertThat(operation.value()).isEqualTo("1"));
    }

    @Test
    void aWriteThatDefinitelyFailedIsLeftOut() {
        history.invokeWrite("c1", "x", "1").failed();

        assertThat(history.operations()).isEmpty();
    }

    @Test
    void anOperationCannotBeCompletedTwice() {
        History.Pending write = history.invokeWrite("c1", "x", "1");
        write.written();

        assertThatThrownBy(write::unknown).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        assertThat(history.operations()).hasSize(1);
    }
}
