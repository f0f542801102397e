package dev.lithair.spring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages of the Spring layer depend on each other in one direction: the repository API and the
 * observations' documentation and conventions at the bottom, then the core (template, queries, unit of work), then transactions, derived queries and the
 * repository implementation, then the repository configuration, tenancy (over the core), and the
 * auto-configuration on top.
 * The engine is used through its API: its {@code dev.lithair.internal} packages stay inside it.
 */
@AnalyzeClasses(packages = "dev.lithair.spring", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.lithair.spring.(**)")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theEngineIsUsedThroughItsApiOnly = noClasses().that().resideInAPackage("dev.lithair.spring..")
            .should().dependOnClassesThat().resideInAPackage("dev.lithair.internal..");

    @ArchTest
    static final ArchRule onlyTheAutoConfigurationUsesTheAutoConfigurationPackages = noClasses()
            .that().resideInAnyPackage("dev.lithair.spring.core..", "dev.lithair.spring.repository..",
                    "dev.lithair.spring.transaction..", "dev.lithair.spring.tenancy..")
            .should().dependOnClassesThat().resideInAPackage("dev.lithair.spring.boot..");

    @ArchTest
    static final ArchRule layersDependOnlyDownwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Repository API").definedBy("dev.lithair.spring.repository")
            .layer("Observations").definedBy("dev.lithair.spring.observation..")
            .layer("Core").definedBy("dev.lithair.spring.core..")
            .layer("Transactions").definedBy("dev.lithair.spring.transaction..")
            .layer("Derived queries").definedBy("dev.lithair.spring.repository.query..")
            .layer("Repository implementation").definedBy("dev.lithair.spring.repository.support..")
            .layer("Repository configuration").definedBy("dev.lithair.spring.repository.config..")
            .layer("Tenancy").definedBy("dev.lithair.spring.tenancy..")
            .layer("Auto-configuration").definedBy("dev.lithair.spring.boot..")
            .whereLayer("Auto-configuration").mayNotBeAccessedByAnyLayer()
            .whereLayer("Observations").mayOnlyBeAccessedByLayers("Core", "Repository implementation",
                    "Auto-configuration")
            .whereLayer("Repository configuration").mayOnlyBeAccessedByLayers("Auto-configuration")
            .whereLayer("Repository implementation")
            .mayOnlyBeAccessedByLayers("Repository configuration", "Auto-configuration")
            .whereLayer("Derived queries").mayOnlyBeAccessedByLayers("Repository implementation", "Auto-configuration")
            .whereLayer("Transactions").mayOnlyBeAccessedByLayers("Auto-configuration")
            .whereLayer("Tenancy").mayOnlyBeAccessedByLayers("Auto-configuration")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Transactions", "Derived queries",
                    "Repository implementation", "Tenancy", "Auto-configuration");
}
