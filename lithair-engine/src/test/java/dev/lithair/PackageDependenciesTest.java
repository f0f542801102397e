package dev.lithair;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine's packages depend on each other without cycles and in one direction: the API vocabulary
 * (annotations, events, exceptions, models, history) at the bottom, the internals above it, backups (files
 * of a data directory, through the internals) and the commit-path SPI above those, the store on top,
 * replication beside the store seeing only its SPI, the CLI on top. The rules read the main classes only: a
 * test may use Spring's annotations.
 */
@AnalyzeClasses(packages = "dev.lithair", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("dev.lithair.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theEngineImportsNoSpring = noClasses().should().dependOnClassesThat()
            .resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule internalsAreUsedOnlyByTheStoreBackupsTheCliAndOtherInternals = classes()
            .that().resideInAPackage("dev.lithair.internal..")
            .should().onlyHaveDependentClassesThat()
            .resideInAnyPackage("dev.lithair.internal..", "dev.lithair.store", "dev.lithair.backup", "dev.lithair.cli");

    @ArchTest
    static final ArchRule backupsWorkOnFilesWithoutTheStore = noClasses()
            .that().resideInAPackage("dev.lithair.backup")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.lithair.store..", "dev.lithair.replication..", "dev.lithair.cli");

    @ArchTest
    static final ArchRule theCommitPathSpiDependsOnNoStoreClass = noClasses()
            .that().resideInAPackage("dev.lithair.store.spi")
            .should().dependOnClassesThat()
            .resideInAnyPackage("dev.lithair.store", "dev.lithair.internal..", "dev.lithair.replication..");

    @ArchTest
    static final ArchRule replicationSeesTheStoreThroughItsSpiOnly = noClasses()
            .that().resideInAPackage("dev.lithair.replication..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lithair.store", "dev.lithair.cli");

    @ArchTest
    static final ArchRule theVocabularyPackagesDependOnNothingAboveThem = noClasses()
            .that().resideInAnyPackage("dev.lithair.annotation", "dev.lithair.event", "dev.lithair.exception",
                    "dev.lithair.model", "dev.lithair.history", "dev.lithair.projection", "dev.lithair.index")
            .should().dependOnClassesThat().resideInAnyPackage("dev.lithair.store..", "dev.lithair.replication..",
                    "dev.lithair.cli", "dev.lithair.internal..");

    @ArchTest
    static final ArchRule onlyTheRaftPackageUsesSofaJRaft = noClasses()
            .that().resideOutsideOfPackage("dev.lithair.replication.raft")
            .should().dependOnClassesThat().resideInAnyPackage("com.alipay..", "io.netty..");

    @ArchTest
    static final ArchRule onlyTheCliUsesPicocli = noClasses().that().resideOutsideOfPackage("dev.lithair.cli")
            .should().dependOnClassesThat().resideInAPackage("picocli..");
}
