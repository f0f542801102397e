package dev.lithair.spring.boot.autoconfigure;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.lithair.history.FieldChange;
import dev.lithair.spring.boot.autoconfigure.admin.LithairAdminController;
import dev.lithair.spring.boot.autoconfigure.admin.LithairStoreReport;

/**
 * Reflection hints for what the admin routes and the {@code lithair} actuator endpoint answer in JSON:
 * the store report, snapshot, backup and cluster reports, histories, and the endpoint's descriptor.
 *
 * <p>Why: a native image binds only what it was told about. Spring MVC and the actuator register hints
 * for the return types of the handler and operation methods they find, which covers these payloads
 * today; naming them here keeps Lithair's operations payloads covered however a route comes to write
 * them, and tested. Spring Web registers the problem details of refused calls itself.
 */
final class LithairOperationsRuntimeHints implements RuntimeHintsRegistrar {

    private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

    @Override
    public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
        bindings.registerReflectionHints(hints.reflection(), LithairStoreReport.class,
                LithairAdminController.SnapshotReport.class, LithairAdminController.BackupReport.class,
                LithairAdminController.ClusterReport.class, LithairAdminController.PeerRequest.class,
                FieldChange.class, LithairEndpoint.LithairDescriptor.class);
    }
}
