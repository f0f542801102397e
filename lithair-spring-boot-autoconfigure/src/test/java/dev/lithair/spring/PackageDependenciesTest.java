package dev.lithair.spring;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Set;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The packages of the Spring layer depend on each other in one direction: the repository API at the
 * bottom, then the core (template, queries, unit of work), then transactions, derived queries and the
 * repository implementation, then the repository configuration, and the auto-configuration on top.
 */
@AnalyzeClasses(packages = "dev.lithair.spring", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

    /**
     * The admin routes' classes use three classes of the auto-configuration package that configures
     * them, which is the one package cycle left: {@code boot.autoconfigure -> boot.autoconfigure.admin
     * -> boot.autoconfigure} (the controller takes {@code LithairEntityModels}, {@code LithairProperties}
     * and answers a {@code LithairStoreReport}). Those dependencies, and no other, are ignored until the
     * admin package stops needing them; any other dependency of the admin package on the package above
     * it fails the rule.
     */
    private static final Set<String> USED_BY_ADMIN = Set.of(
            "dev.lithair.spring.boot.autoconfigure.LithairEntityModels",
            "dev.lithair.spring.boot.autoconfigure.LithairProperties",
            "dev.lithair.spring.boot.autoconfigure.LithairStoreReport");

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.lithair.spring.(**)")
            .should().beFreeOfCycles()
            .ignoreDependency(resideInAPackage("dev.lithair.spring.boot.autoconfigure.admin.."),
                    describe("one of " + USED_BY_ADMIN + " or their nested classes",
                            (JavaClass target) -> USED_BY_ADMIN.contains(topLevelName(target))));

    private static String topLevelName(JavaClass type) {
        String name = type.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    @ArchTest
    static final ArchRule onlyTheAutoConfigurationUsesTheAutoConfigurationPackages = noClasses()
            .that().resideInAnyPackage("dev.lithair.spring.core..", "dev.lithair.spring.repository..",
                    "dev.lithair.spring.transaction..")
            .should().dependOnClassesThat().resideInAPackage("dev.lithair.spring.boot..");

    @ArchTest
    static final ArchRule layersDependOnlyDownwards = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Repository API").definedBy("dev.lithair.spring.repository")
            .layer("Core").definedBy("dev.lithair.spring.core..")
            .layer("Transactions").definedBy("dev.lithair.spring.transaction..")
            .layer("Derived queries").definedBy("dev.lithair.spring.repository.query..")
            .layer("Repository implementation").definedBy("dev.lithair.spring.repository.support..")
            .layer("Repository configuration").definedBy("dev.lithair.spring.repository.config..")
            .layer("Auto-configuration").definedBy("dev.lithair.spring.boot..")
            .whereLayer("Auto-configuration").mayNotBeAccessedByAnyLayer()
            .whereLayer("Repository configuration").mayOnlyBeAccessedByLayers("Auto-configuration")
            .whereLayer("Repository implementation")
            .mayOnlyBeAccessedByLayers("Repository configuration", "Auto-configuration")
            .whereLayer("Derived queries").mayOnlyBeAccessedByLayers("Repository implementation", "Auto-configuration")
            .whereLayer("Transactions").mayOnlyBeAccessedByLayers("Auto-configuration")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Transactions", "Derived queries",
                    "Repository implementation", "Auto-configuration");
}
