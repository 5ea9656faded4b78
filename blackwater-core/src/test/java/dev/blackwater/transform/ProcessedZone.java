package dev.blackwater.transform;

import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Reads a local processed zone back through DuckDB, as rows of text ("a|b|c"), for assertions. */
final class ProcessedZone {

  private final Path root;

  ProcessedZone(Path root) {
    this.root = root;
  }

  List<Manifest> manifests() {
    BatchLog log = new BatchLog(new LocalLakeStore(root));
    return log.committed().stream().map(log::read).toList();
  }

  /** The rows of one table in one processed batch. */
  List<String> rows(Manifest manifest, String table) {
    List<String> rows = new ArrayList<>();
    List<ObjectRef> objects = manifest.tables().get(table).objects();
    for (ObjectRef object : objects == null ? List.<ObjectRef>of() : objects) {
      rows.addAll(read("SELECT COLUMNS(*)::VARCHAR FROM read_parquet('" + file(object) + "')"));
    }
    return rows;
  }

  /** Every row of a fact table over all batches, sorted (duplicates kept). */
  List<String> facts(String table) {
    List<String> all = new ArrayList<>();
    for (Manifest m : manifests()) {
      all.addAll(rows(m, table));
    }
    all.sort(null);
    return all;
  }

  /** A dimension as the warehouse holds it: the newest row of each key (first column), sorted. */
  List<String> dimension(String table) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (Manifest m : manifests()) {
      for (String row : rows(m, table)) {
        byKey.put(row.substring(0, row.indexOf('|')), row);
      }
    }
    return byKey.values().stream().sorted().toList();
  }

  /** dim_date over all batches, each date once, sorted. */
  List<String> dates() {
    TreeSet<String> all = new TreeSet<>();
    for (Manifest m : manifests()) {
      all.addAll(rows(m, "dim_date"));
    }
    return List.copyOf(all);
  }

  /** "name TYPE" of each column of a Parquet object. */
  List<String> schema(ObjectRef object) {
    return read(
        "SELECT column_name || ' ' || column_type FROM (DESCRIBE SELECT * FROM read_parquet('"
            + file(object)
            + "'))");
  }

  /** The compression codecs of a Parquet object's column chunks. */
  List<String> codecs(ObjectRef object) {
    return read(
        "SELECT DISTINCT compression FROM parquet_metadata('" + file(object) + "') ORDER BY 1");
  }

  Path file(ObjectRef object) {
    return root.resolve(object.key());
  }

  static BatchId batchOf(Manifest m) {
    return m.batchId();
  }

  static List<String> read(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      return Rows.of(r);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
