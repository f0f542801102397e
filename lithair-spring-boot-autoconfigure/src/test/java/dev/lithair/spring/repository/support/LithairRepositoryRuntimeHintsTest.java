package dev.lithair.spring.repository.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.data.repository.core.EntityInformation;

import dev.lithair.history.FieldChange;
import dev.lithair.spring.core.LithairOperations;
import dev.lithair.spring.repository.LithairRepository;

/** Spring Data can create and call Lithair's repository base class, and find its factory, in a native image. */
class LithairRepositoryRuntimeHintsTest {

    private final RuntimeHints hints = registered();

    private static RuntimeHints registered() {
        RuntimeHints hints = new RuntimeHints();
        new LithairRepositoryRuntimeHints().registerHints(hints,
                LithairRepositoryRuntimeHintsTest.class.getClassLoader());
        return hints;
    }

    @Test
    void theBaseClassIsCreatedAndCalledByReflection() throws Exception {
        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(
                SimpleLithairRepository.class.getConstructor(EntityInformation.class, LithairOperations.class)))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(
                SimpleLithairRepository.class.getMethod("findById", Object.class)))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(
                LithairRepository.class.getMethod("history", Object.class)))
                .accepts(hints);
    }

    @Test
    void theFactoryIsCreatedByReflectionAndHistoriesAreWrittenToJson() throws Exception {
        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(
                LithairRepositoryFactory.class.getConstructor(LithairOperations.class))).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(FieldChange.class, "actor")).accepts(hints);
    }

    @Test
    void theHintsAreRegisteredForEveryApplicationProcessedAheadOfTime() {
        assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
                .load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(LithairRepositoryRuntimeHints.class);
    }
}
