package dev.blackwater.iceberg;

import dev.blackwater.lake.LakeStore;
import java.util.Optional;

/**
 * Opens the Iceberg catalog of a processed zone. The composition roots choose it: the command line
 * and the tests the local one ({@link SqliteCatalogs}), the Lambda handlers Glue's. Empty when the
 * zone has no catalog: the pipeline then runs as before Iceberg (manifests and Parquet only).
 */
@FunctionalInterface
public interface CatalogFactory {

  /** No catalog: Iceberg off. */
  CatalogFactory NONE = zone -> Optional.empty();

  /** The catalog of {@code processed}'s tables, or empty. */
  Optional<LakeCatalog> open(LakeStore processed);
}
