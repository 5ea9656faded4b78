package dev.blackwater.warehouse;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the warehouse holds: the batches loaded (every read of the bookkeeping table), and per fact
 * table its rows and newest version.
 */
public final class WarehouseState {

  private final Connection connection;
  private final WarehouseSchema schema;

  public WarehouseState(Connection connection, WarehouseSchema schema) {
    this.connection = connection;
    this.schema = schema;
  }

  /** The processed batches loaded, oldest first; empty when the schema has no bookkeeping yet. */
  public Set<String> loadedBatches() throws SQLException {
    Set<String> loaded = new LinkedHashSet<>();
    if (!hasBookkeeping()) {
      return loaded;
    }
    try (Statement s = connection.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT batch_id FROM "
                    + schema.qualified(WarehouseSchema.BOOKKEEPING)
                    + " ORDER BY batch_id")) {
      while (r.next()) {
        loaded.add(r.getString(1));
      }
    }
    return loaded;
  }

  /**
   * Whether processed batch {@code batch} is loaded. Inside a load's transaction, after its lock,
   * this is what decides whether the batch is loaded again.
   */
  public boolean isLoaded(String batch) throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT 1 FROM "
                + schema.qualified(WarehouseSchema.BOOKKEEPING)
                + " WHERE batch_id = ?")) {
      s.setString(1, batch);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Whether the bookkeeping table records each batch's newest fact version (schema version 3). */
  public boolean recordsNewestVersions() throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?)"
                + " AND attname = 'newest_version' AND NOT attisdropped")) {
      s.setString(1, schema.qualified(WarehouseSchema.BOOKKEEPING));
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Whether the bookkeeping table records the Iceberg snapshots of each batch (V11). */
  public boolean recordsIcebergSnapshots() throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?)"
                + " AND attname = 'iceberg_snapshots' AND NOT attisdropped")) {
      s.setString(1, schema.qualified(WarehouseSchema.BOOKKEEPING));
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  /** Whether the bookkeeping table exists. */
  public boolean hasBookkeeping() throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      s.setString(1, schema.qualified(WarehouseSchema.BOOKKEEPING));
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  /** Fact versions in {@code table}. */
  public long rows(WarehouseTable table) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r =
            s.executeQuery("SELECT count(*) FROM " + schema.qualified(table.tableName()))) {
      r.next();
      return r.getLong(1);
    }
  }

  /**
   * The newest {@code last_updated} over all fact tables as ISO text, or null when all are empty:
   * read from the bookkeeping ({@code newest_version}, recorded per batch since schema version 3),
   * or, from a bookkeeping table without that column (one another team made from an older DDL),
   * found by reading every fact.
   */
  public String newestVersion() throws SQLException {
    if (recordsNewestVersions()) {
      try (Statement s = connection.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT to_char(max(newest_version), 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM "
                      + schema.qualified(WarehouseSchema.BOOKKEEPING))) {
        r.next();
        return r.getString(1);
      }
    }
    String newest = null;
    for (WarehouseTable fact : WarehouseTable.facts()) {
      String version = newestVersion(fact);
      if (version != null && (newest == null || version.compareTo(newest) > 0)) {
        newest = version;
      }
    }
    return newest;
  }

  /** The newest {@code last_updated} of a fact table as ISO text, or null when it is empty. */
  public String newestVersion(WarehouseTable table) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT to_char(max(last_updated_date + last_updated_time),"
                    + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US') FROM "
                    + schema.qualified(table.tableName()))) {
      r.next();
      return r.getString(1);
    }
  }
}
