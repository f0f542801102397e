package dev.lithair.spring.boot.autoconfigure;

import java.util.List;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.util.ClassUtils;

import dev.lithair.history.FieldChange;
import dev.lithair.store.StoreMeta;
import dev.lithair.store.spi.CommitResult;

/**
 * Reflection hints for the values the engine writes and reads with Jackson's data binding: the log's
 * records and their events, the keys of a snapshot, the metadata file, the Raft entries and the
 * forwarded commit results.
 *
 * <p>Why: a native image knows only the constructors, fields and accessors it is told about, and
 * without them the store could neither write its log nor open it again. The engine's internal types are
 * named rather than imported, since the Spring layer uses the engine through its API only; a test
 * checks that every name still resolves. Entity classes get their hints from
 * {@link LithairEntityClassesAotProcessor}.
 */
final class LithairStoreRuntimeHints implements RuntimeHintsRegistrar {

    /** Bound by the engine, outside its API: log records, snapshot keys, Raft entries. */
    static final List<String> INTERNAL_TYPES = List.of("dev.lithair.internal.codec.LogRecord",
            "dev.lithair.internal.snapshot.AppliedKey", "dev.lithair.store.ReplicatedCommit",
            "dev.lithair.store.ReplicatedCommit$ReplicatedOperation");

    private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        bindings.registerReflectionHints(hints.reflection(), StoreMeta.class, CommitResult.class, FieldChange.class);
        for (String name : INTERNAL_TYPES) {
            bindings.registerReflectionHints(hints.reflection(), ClassUtils.resolveClassName(name, classLoader));
        }
    }
}
