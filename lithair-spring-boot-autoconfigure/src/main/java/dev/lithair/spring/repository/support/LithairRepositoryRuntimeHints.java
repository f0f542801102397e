package dev.lithair.spring.repository.support;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.lithair.history.FieldChange;
import dev.lithair.spring.repository.LithairRepository;

/**
 * Reflection hints for what Spring Data does reflectively with Lithair's repository classes, beyond the
 * hints its own AOT processing registers for each repository interface, domain type and fragment: it
 * creates the base class {@link SimpleLithairRepository} through its constructor, calls its methods
 * reflectively from the repository proxy, and finds the factory through {@code spring.factories}.
 *
 * <p>Why: Spring Data registers the base class of the repository configuration, which is its own
 * default, not the one {@link LithairRepositoryFactory} answers with; and histories returned by
 * repositories are often written to JSON as they are.
 */
final class LithairRepositoryRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        hints.reflection().registerType(SimpleLithairRepository.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS,
                MemberCategory.INVOKE_PUBLIC_METHODS);
        hints.reflection().registerType(LithairRepository.class, MemberCategory.INVOKE_PUBLIC_METHODS);
        hints.reflection().registerType(LithairRepositoryFactory.class, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
        new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), FieldChange.class);
    }
}
