package dev.lithair.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;

import dev.lithair.spring.boot.autoconfigure.admin.LithairAdminController;
import dev.lithair.spring.boot.autoconfigure.admin.LithairStoreReport;

/** What the admin routes and the actuator endpoint answer can be written to JSON in a native image. */
class LithairOperationsRuntimeHintsTest {

    private final RuntimeHints hints = registered();

    private static RuntimeHints registered() {
        RuntimeHints hints = new RuntimeHints();
        new LithairOperationsRuntimeHints().registerHints(hints,
                LithairOperationsRuntimeHintsTest.class.getClassLoader());
        return hints;
    }

    @Test
    void theAdminReportsAreReadByReflection() {
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LithairStoreReport.class, "entities"))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LithairAdminController.BackupReport.class,
                "sequence")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LithairAdminController.SnapshotReport.class,
                "file")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LithairAdminController.ClusterReport.class,
                "leader")).accepts(hints);
    }

    @Test
    void theEndpointsDescriptorAndWhatItHoldsAreReadByReflection() {
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LithairEndpoint.LithairDescriptor.class,
                "storage")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(LithairEndpoint.Storage.class, "fsync"))
                .accepts(hints);
    }

    @Test
    void theAutoConfigurationsOfTheRoutesAndTheEndpointImportTheHints() {
        assertThat(LithairAdminWebAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
                .containsExactly(LithairOperationsRuntimeHints.class);
        assertThat(LithairEndpointAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class).value())
                .containsExactly(LithairOperationsRuntimeHints.class);
    }
}
