package dev.lithair.e2e.linearizability;

import static dev.lithair.e2e.linearizability.Operation.NEVER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import dev.lithair.e2e.linearizability.LinearizabilityChecker.CheckResult;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {

    private final LinearizabilityChecker checker = new LinearizabilityChecker();
    private final List<Operation> history = new ArrayList<>();

    @Test
    void anEmptyHistoryIsLinearizable() {
        assertThat(checker.check(history).isLinearizable()).isTrue();
    }

    @Test
    void aReadAfterAnAcknowledgedWriteThatReturnsItIsLinearizable() {
        write("a", "x", "1", 0, 10);
        read("b", "x", "1", 20, 30);

        assertThat(checker.check(history).isLinearizable()).isTrue();
    }

    @Test
    void aReadOfAMissingKeyReturnsAbsent() {
        read("b", "x", null, 0, 10);
        write("a", "x", "1", 20, 30);

        assertThat(checker.check(history).isLinearizable()).isTrue();
    }

    @Test
    void aReadOfAValueNobodyWroteIsRejected() {
        write("a", "x", "1", 0, 10);
        read("b", "x", "2", 20, 30);

        CheckResult result = checker.check(history);

        assertThat(result.isLinearizable()).isFalse();
        assertThat(result.violations()).singleElement().asString().startsWith("key x:").contains("read(x) -> 2");
    }

    @Test
    void aStaleReadAfterANewerWriteWasAcknowledgedIsRejected() {
        // What a deposed leader that still serves reads from memory would answer.
        write("a", "x", "1", 0, 10);
        write("a", "x", "2", 20, 30);
        read("b", "x", "1", 40, 50);

        assertThat(checker.check(history).isLinearizable()).isFalse();
    }

    @Test
    void aReadOfAbsentAfterAnAcknowledgedWriteIsRejected() {
        write("a", "x", "1", 0, 10);
        read("b", "x", null, 20, 30);

        assertThat(checker.check(history).isLinearizable()).isFalse();
    }

    @Test
    void aReadConcurrentWithAWriteMayReturnTheOldOrTheNewValue() {
        write("a", "x", "1", 0, 10);
        write("a", "x", "2", 20, 60);
        read("b", "x", "1", 30, 40);
        read("c", "x", "2", 30, 40);

        assertThat(checker.check(history).isLinearizable()).isTrue();
    }

    @Test
    void onceAReadReturnedTheNewValueALaterReadCannotReturnTheOldOne() {
        write("a", "x", "1", 0, 10);
        write("a", "x", "2", 20, 100);
        read("b", "x", "2", 30, 40);
        read("c", "x", "1", 50, 60);

        assertThat(checker.check(history).isLinearizable()).isFalse();
    }

    @Test
    void twoReadersThatSeeConcurrentWritesInOppositeOrdersAreRejected() {
        write("w1", "x", "1", 0, 200);
        write("w2", "x", "2", 0, 200);
        read("r1", "x", "1", 10, 20);
        read("r1", "x", "2", 30, 40);
        read("r2", "x", "2", 50, 60);
        read("r2", "x", "1", 70, 80);

        assertThat(checker.check(history).isLinearizable()).isFalse();
    }

    @Test
    void aWriteWithAnUnknownOutcomeMayHaveTakenEffectOrNot() {
        write("a", "x", "1", 0, 10);
        write("a", "x", "2", 20, NEVER);
        read("b", "x", "1", 30, 40);
        read("b", "x", "2", 50, 60);

        assertThat(checker.check(history).isLinearizable()).isTrue();
    }

    @Test
    void aWriteWithAnUnknownOutcomeThatWasSeenCannotBeUndone() {
        write("a", "x", "1", 0, 10);
        write("a", "x", "2", 20, NEVER);
        read("b", "x", "2", 30, 40);
        read("b", "x", "1", 50, 60);

        assertThat(checker.check(history).isLinearizable()).isFalse();
    }

    @Test
    void aWriteWithAnUnknownOutcomeCannotTakeEffectBeforeItWasSent() {
        read("b", "x", "2", 0, 10);
        write("a", "x", "2", 20, NEVER);

        assertThat(checker.check(history).isLinearizable()).isFalse();
    }

    @Test
    void keysAreCheckedSeparatelyAndAViolationNamesItsKey() {
        write("a", "x", "1", 0, 10);
        read("a", "x", "1", 20, 30);
        write("a", "y", "1", 0, 10);
        write("a", "y", "2", 20, 30);
        read("b", "y", "1", 40, 50);

        CheckResult result = checker.check(history);

        assertThat(result.keys()).isEqualTo(2);
        assertThat(result.violations()).singleElement().asString().startsWith("key y:");
    }

    @Test
    void historiesOfATrueRegisterWithOverlappingCallsAreAlwaysLinearizable() {
        for (long seed = 1; seed <= 20; seed++) {
            List<Operation> generated = linearizableHistory(new Random(seed), 300);

            assertThat(checker.check(generated).isLinearizable()).as("seed %d", seed).isTrue();
        }
    }

    @Test
    void oneStaleReadHiddenInALongConcurrentHistoryIsFound() {
        List<Operation> generated = new ArrayList<>(linearizableHistory(new Random(7), 300));
        long end = generated.stream().mapToLong(Operation::completedAt).max().orElseThrow();
        generated.add(Operation.write(10_001, "late", "k0", "newest", end + 10, end + 20));
        generated.add(Operation.read(10_002, "late", "k0", "stale", end + 30, end + 40));

        CheckResult result = checker.check(generated);

        assertThat(result.violations()).singleElement().asString().startsWith("key k0:");
    }

    @Test
    void aKeyTheSearchCannotFinishWithinItsBudgetIsUndecidedNotLinearizable() {
        LinearizabilityChecker impatient = new LinearizabilityChecker(5);
        List<Operation> generated = linearizableHistory(new Random(3), 100);

        CheckResult result = impatient.check(generated);

        assertThat(result.undecidedKeys()).isNotEmpty();
        assertThat(result.isLinearizable()).isFalse();
    }

    private void write(String process, String key, String value, long invokedAt, long completedAt) {
        history.add(Operation.write(history.size() + 1, process, key, value, invokedAt, completedAt));
    }

    private void read(String process, String key, String value, long invokedAt, long completedAt) {
        history.add(Operation.read(history.size() + 1, process, key, value, invokedAt, completedAt));
    }

    /**
     * Four clients on three keys of a real register: each operation takes effect at one instant between
     * its invocation and completion, in any overlap with the others; some writes never get an answer.
     */
    private static List<Operation> linearizableHistory(Random random, int count) {
        Map<String, String> registers = new HashMap<>();
        long[] clientFreeAt = new long[4];
        record Scheduled(int client, long invokedAt, long effectAt, long completedAt) {
        }
        List<Scheduled> schedule = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int client = random.nextInt(clientFreeAt.length);
            long invokedAt = clientFreeAt[client] + random.nextInt(20);
            long effectAt = invokedAt + 1 + random.nextInt(50);
            long completedAt = effectAt + 1 + random.nextInt(50);
            clientFreeAt[client] = completedAt + 1;
            schedule.add(new Scheduled(client, invokedAt, effectAt, completedAt));
        }
        schedule.sort((left, right) -> Long.compare(left.effectAt(), right.effectAt()));
        List<Operation> operations = new ArrayList<>();
        for (Scheduled operation : schedule) {
            String key = "k" + random.nextInt(3);
            String process = "c" + operation.client();
            long id = operations.size() + 1;
            if (random.nextBoolean()) {
                String value = "v" + id;
                registers.put(key, value);
                long completedAt = random.nextInt(20) == 0 ? NEVER : operation.completedAt();
                operations.add(Operation.write(id, process, key, value, operation.invokedAt(), completedAt));
            } else {
                operations.add(Operation.read(id, process, key, registers.get(key), operation.invokedAt(),
                        operation.completedAt()));
            }
        }
        return operations;
    }
}
