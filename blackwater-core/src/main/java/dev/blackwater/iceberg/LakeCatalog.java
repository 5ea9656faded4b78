package dev.blackwater.iceberg;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;

/**
 * Where the processed zone's Iceberg tables are registered: a catalog (locally SQLite, on AWS Glue)
 * and the namespace (Glue: the database) that holds the 11 tables.
 *
 * @param catalog the catalog, which must also support namespaces (its properties hold how far the
 *     tables are committed)
 * @param namespace the namespace of the tables
 */
public record LakeCatalog(Catalog catalog, Namespace namespace) {

  /** The namespace the local catalog uses. */
  public static final Namespace DEFAULT_NAMESPACE = Namespace.of("blackwater");
}
