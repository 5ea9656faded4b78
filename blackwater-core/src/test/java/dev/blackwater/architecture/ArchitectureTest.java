package dev.blackwater.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.blackwater.architecture.fixture.high.Top;
import dev.blackwater.architecture.fixture.low.Bottom;
import dev.blackwater.architecture.fixture.low.PositionalManifest;
import dev.blackwater.lake.Manifest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The shape of core (docs/architecture.md): its packages form layers, each using only those below
 * it, with no cycle between any two packages.
 *
 * <pre>
 *   pipeline                                 runs stages: Pipeline, StageRunner, RunLog, status
 *   extract  transform  load  verify         the stages
 *   lake  duckdb  warehouse                  storage: the lake's zones, DuckDB, the warehouse
 *   config                                   settings, databases
 *   catalog                                  source tables and columns
 *   dev.blackwater, error                    foundation: Stage, Version, ResultJson, Sql, errors
 * </pre>
 */
class ArchitectureTest {

  private static final JavaClasses CORE =
      new ClassFileImporter().importPaths(Path.of("target/classes"));

  /** No two packages of core import each other, directly or through others. */
  static ArchRule noCycles() {
    return slices().matching("dev.blackwater.(**)").should().beFreeOfCycles();
  }

  /** Each layer uses only the layers below it. */
  static ArchRule layers() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("foundation")
        .definedBy("dev.blackwater", "dev.blackwater.error..")
        .layer("catalog")
        .definedBy("dev.blackwater.catalog..")
        .layer("config")
        .definedBy("dev.blackwater.config..")
        .layer("storage")
        .definedBy(
            "dev.blackwater.lake..",
            "dev.blackwater.duckdb..",
            "dev.blackwater.warehouse..",
            "dev.blackwater.iceberg..")
        .layer("stages")
        .definedBy(
            "dev.blackwater.extract..",
            "dev.blackwater.transform..",
            "dev.blackwater.load..",
            "dev.blackwater.verify..")
        .layer("pipeline")
        .definedBy("dev.blackwater.pipeline..")
        .whereLayer("pipeline")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("stages")
        .mayOnlyBeAccessedByLayers("pipeline")
        .whereLayer("storage")
        .mayOnlyBeAccessedByLayers("stages", "pipeline")
        .whereLayer("config")
        .mayOnlyBeAccessedByLayers("storage", "stages", "pipeline")
        .whereLayer("catalog")
        .mayOnlyBeAccessedByLayers("config", "storage", "stages", "pipeline");
  }

  /** Nothing below the top imports the top layer, the command line or the AWS adapters. */
  static ArchRule nothingImportsTheTop() {
    return noClasses()
        .that()
        .resideOutsideOfPackages("dev.blackwater.pipeline..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.blackwater.pipeline..", "dev.blackwater.cli..", "dev.blackwater.aws..")
        .because(
            "pipeline, cli and aws put the lower layers together; they are never used by them");
  }

  /**
   * Stages make manifests with {@code Manifest.extract} and {@code Manifest.transform}; the
   * canonical constructor, with its fields that are null for one stage or the other, is the lake
   * package's (reading manifests back).
   */
  static ArchRule manifestsComeFromTheirFactories() {
    return noClasses()
        .that()
        .resideOutsideOfPackage("dev.blackwater.lake")
        .should()
        .callConstructorWhere(
            JavaAccess.Predicates.target(AccessTarget.Predicates.declaredIn(Manifest.class)))
        .because("a stage's manifest comes from Manifest.extract or Manifest.transform");
  }

  @Test
  void corePackagesFormLayersWithoutCycles() {
    assertThat(CORE).isNotEmpty();
    noCycles().check(CORE);
    layers().check(CORE);
    nothingImportsTheTop().check(CORE);
    manifestsComeFromTheirFactories().check(CORE);
  }

  @Test
  void aCycleOrAnImportOfTheTopWouldFail() {
    JavaClasses cyclic = new ClassFileImporter().importClasses(Top.class, Bottom.class);

    assertThat(noCycles().evaluate(cyclic).hasViolation()).isTrue();
    assertThat(
            slices()
                .matching("dev.blackwater.architecture.fixture.(*)..")
                .should()
                .beFreeOfCycles()
                .evaluate(cyclic)
                .getFailureReport()
                .getDetails())
        .anySatisfy(line -> assertThat(line).contains("Cycle detected"));
    assertThat(nothingImportsTheTop().evaluate(cyclic).getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("dev.blackwater.pipeline.Pipeline"));
  }

  @Test
  void aManifestBuiltOutsideItsFactoriesWouldFail() {
    JavaClasses positional = new ClassFileImporter().importClasses(PositionalManifest.class);

    assertThat(
            manifestsComeFromTheirFactories().evaluate(positional).getFailureReport().getDetails())
        .anySatisfy(line -> assertThat(line).contains("PositionalManifest", "Manifest.<init>"));
  }
}
