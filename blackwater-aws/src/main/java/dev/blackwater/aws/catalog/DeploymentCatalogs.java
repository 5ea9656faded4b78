package dev.blackwater.aws.catalog;

import dev.blackwater.config.Configuration;
import dev.blackwater.iceberg.CatalogFactory;
import dev.blackwater.iceberg.LakeCatalog;
import dev.blackwater.iceberg.SqliteCatalogs;
import dev.blackwater.lake.LakeStore;
import java.util.Optional;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;

/**
 * The processed zone's Iceberg catalog as a deployment chooses it, for both composition roots (the
 * Lambda handlers and the command line, which the Fargate task runs): Glue's when the configuration
 * names a Glue database ({@code BLACKWATER_GLUE_DATABASE}, which Terraform sets), else the local
 * choice of the setting {@code catalog} ({@link SqliteCatalogs}). Glue's catalog is built once, on
 * first use, and kept: building it costs a second or more of a cold start.
 */
public final class DeploymentCatalogs implements CatalogFactory {

  private final GlueCatalogFactory glue;
  private Catalog catalog;

  private DeploymentCatalogs(GlueCatalogFactory glue) {
    this.glue = glue;
  }

  /** Glue's catalog when {@code configuration} names a Glue database, else the local one. */
  public static CatalogFactory of(Configuration configuration) {
    return GlueCatalogSettings.from(configuration)
        .<CatalogFactory>map(settings -> new DeploymentCatalogs(new GlueCatalogFactory(settings)))
        .orElseGet(() -> new SqliteCatalogs(configuration.catalog()));
  }

  @Override
  public synchronized Optional<LakeCatalog> open(LakeStore processed) {
    if (catalog == null) {
      catalog = glue.open();
    }
    return Optional.of(new LakeCatalog(catalog, Namespace.of(glue.database())));
  }
}
