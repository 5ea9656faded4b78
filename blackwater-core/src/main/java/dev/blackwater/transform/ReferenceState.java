package dev.blackwater.transform;

import static dev.blackwater.Sql.identifier;
import static dev.blackwater.Sql.literal;

import dev.blackwater.catalog.Column;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current reference rows: the latest version of every address, counterparty, department and
 * staff row the transform has seen. The dimensions that join them (dim_staff, dim_counterparty) are
 * emitted again when a row they join changes, so they need the rows that did not change too.
 *
 * <p>Each processed batch in which a reference table changed writes that table's whole current
 * state (a few dozen rows in totesys) as {@code _state/<table>/<yyyy>/<mm>/<dd>/<batch>.parquet};
 * its manifest's {@code state} names the newest object of every reference table, carrying unchanged
 * ones forward. No transform ever reads the ingestion history again.
 */
final class ReferenceState {

  private static final Logger LOG = LoggerFactory.getLogger(ReferenceState.class);

  /** The reference tables and their keys. */
  static final Map<String, String> KEYS =
      Map.of(
          "address", "address_id",
          "counterparty", "counterparty_id",
          "department", "department_id",
          "staff", "staff_id");

  static final String PREFIX = "_state/";

  private final DuckDbSession duck;
  private final Workspace workspace;

  ReferenceState(DuckDbSession duck, Workspace workspace) {
    this.duck = duck;
    this.workspace = workspace;
  }

  /**
   * Creates schema {@code current}: the previous state (from {@code previous}, the processed zone's
   * newest manifest's {@code state}) updated with the rows of schema {@code batch}.
   */
  void build(LakeStore processed, String previousBatch, Map<String, Manifest.Table> previous)
      throws SQLException {
    duck.execute("CREATE SCHEMA previous; CREATE SCHEMA current");
    for (String table : KEYS.keySet().stream().sorted().toList()) {
      String name = identifier(table);
      duck.execute(
          "CREATE TABLE previous."
              + name
              + " AS SELECT * EXCLUDE (_object) FROM batch."
              + name
              + " LIMIT 0");
      Manifest.Table state = previous == null ? null : previous.get(table);
      if (state != null && state.objects() != null) {
        for (ObjectRef object : state.objects()) {
          Path local = workspace.file("state", object.key());
          LakeFiles.download(processed, previousBatch, object, local);
          duck.execute(
              "INSERT INTO previous."
                  + name
                  + " BY NAME SELECT * FROM read_parquet("
                  + literal(local.toString())
                  + ")");
        }
      }
      duck.execute(
          "CREATE TABLE current."
              + name
              + " AS SELECT * EXCLUDE (newer) FROM ("
              + "SELECT *, 0 AS newer FROM previous."
              + name
              + " UNION ALL BY NAME SELECT * EXCLUDE (_object), 1 AS newer FROM batch."
              + name
              + ") QUALIFY row_number() OVER (PARTITION BY "
              + identifier(KEYS.get(table))
              + " ORDER BY newer DESC, last_updated DESC) = 1");
    }
  }

  /**
   * Logs a warning for rows of the batch that the joined dimensions must leave out because the row
   * they join is unknown (a staff member whose department, or a counterparty whose legal address,
   * the transform has never seen); they are emitted when that row arrives. Returns the warnings.
   */
  List<String> warnUnjoined() throws SQLException {
    long staff =
        duck.queryLong(
            "SELECT count(*) FROM batch.staff WHERE department_id NOT IN"
                + " (SELECT department_id FROM current.department)");
    long counterparties =
        duck.queryLong(
            "SELECT count(*) FROM batch.counterparty WHERE legal_address_id NOT IN"
                + " (SELECT address_id FROM current.address)");
    List<String> warnings = new ArrayList<>();
    if (staff > 0) {
      warnings.add(
          staff
              + " staff rows refer to a department the transform has not seen: dim_staff leaves"
              + " them out until the department arrives");
    }
    if (counterparties > 0) {
      warnings.add(
          counterparties
              + " counterparty rows refer to a legal address the transform has not seen:"
              + " dim_counterparty leaves them out until the address arrives");
    }
    warnings.forEach(w -> LOG.warn("{}", w));
    return warnings;
  }

  /**
   * Writes the new state of each reference table the batch changed, to local Parquet files; returns
   * the lake key and file of each.
   */
  Map<String, Path> write(BatchId batch) throws SQLException {
    Map<String, Path> files = new LinkedHashMap<>();
    for (String table : KEYS.keySet().stream().sorted().toList()) {
      String name = identifier(table);
      if (duck.queryLong("SELECT count(*) FROM batch." + name) == 0) {
        continue;
      }
      String key = batch.objectKey(PREFIX + table, ".parquet");
      Path local = workspace.file("out", key);
      duck.execute(
          "COPY (SELECT * FROM current."
              + name
              + " ORDER BY "
              + identifier(KEYS.get(table))
              + ") TO "
              + literal(local.toString())
              + " (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)");
      files.put(table, local);
    }
    return files;
  }

  /** The columns and DuckDB types of a current reference table. */
  List<Column> columns(String table) throws SQLException {
    return duck.query("DESCRIBE current." + identifier(table)).stream()
        .map(r -> new Column(r.get(0), r.get(1)))
        .collect(Collectors.toList());
  }

  /** The number of current rows of a reference table. */
  long rows(String table) throws SQLException {
    return duck.queryLong("SELECT count(*) FROM current." + identifier(table));
  }
}
