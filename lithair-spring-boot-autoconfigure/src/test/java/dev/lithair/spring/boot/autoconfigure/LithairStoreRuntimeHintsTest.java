package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import dev.lithair.event.EventEnvelope;
import dev.lithair.history.FieldChange;
import dev.lithair.internal.codec.LogRecord;
import dev.lithair.internal.snapshot.AppliedKey;
import dev.lithair.store.StoreMeta;
import dev.lithair.store.spi.CommitResult;

/** The engine's values bound with Jackson can be built and read by reflection in a native image. */
class LithairStoreRuntimeHintsTest {

    private final RuntimeHints hints = registered();

    private static RuntimeHints registered() {
        RuntimeHints hints = new RuntimeHints();
        new LithairStoreRuntimeHints().registerHints(hints, LithairStoreRuntimeHintsTest.class.getClassLoader());
        return hints;
    }

    private static Constructor<?> canonical(Class<?> record) throws NoSuchMethodException {
        return record.getDeclaredConstructor(
                Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new));
    }

    @Test
    void logRecordsAndTheirEventsAreWrittenAndReadBackByReflection() throws Exception {
        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(canonical(LogRecord.class))).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LogRecord.class, "events")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(canonical(EventEnvelope.class)))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(EventEnvelope.class, "eventId")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(canonical(AppliedKey.class)))
                .accepts(hints);
    }

    @Test
    void theMetadataFileRaftEntriesAndForwardedResultsAreBoundByReflection() throws Exception {
        Class<?> replicatedCommit = Class.forName("dev.lithair.store.ReplicatedCommit");
        Class<?> replicatedOperation = Class.forName("dev.lithair.store.ReplicatedCommit$ReplicatedOperation");

        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(canonical(StoreMeta.class)))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(canonical(replicatedCommit)))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(replicatedOperation, "payload"))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(canonical(CommitResult.class)))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(FieldChange.class, "newValue")).accepts(hints);
    }

    @Test
    void everyEngineTypeNamedByTheHintsExists() {
        assertThat(LithairStoreRuntimeHints.INTERNAL_TYPES)
                .allSatisfy(name -> assertThat(Class.forName(name)).isNotNull());
    }
}
