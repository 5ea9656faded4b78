/**
 * The processed zone as Apache Iceberg tables: DuckDB writes the Parquet, this package commits it
 * to a catalog ({@link dev.blackwater.iceberg.LakeTables}) through a {@link
 * org.apache.iceberg.io.FileIO} over the zone's {@link dev.blackwater.lake.LakeStore} ({@link
 * dev.blackwater.iceberg.LakeFileIO}), plans what a reader reads, compacts and expires snapshots.
 * The catalog comes from the composition root ({@link dev.blackwater.iceberg.CatalogFactory}):
 * locally a SQLite file beside the zone ({@link dev.blackwater.iceberg.SqliteCatalogs}), on AWS the
 * Glue Data Catalog.
 */
package dev.blackwater.iceberg;
