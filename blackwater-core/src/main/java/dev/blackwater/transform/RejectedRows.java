package dev.blackwater.transform;

import static dev.blackwater.Sql.identifier;
import static dev.blackwater.Sql.literal;

import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.BatchId;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows of a batch that cannot become warehouse rows ({@link RowCheck}): with none allowed the batch
 * fails on the first, naming the table, object, row, column and value; otherwise up to the allowed
 * number are set aside, removed from the batch, logged, and written as {@code
 * _rejected/<source_table>/<yyyy>/<mm>/<dd>/<batch>.csv}.
 */
final class RejectedRows {

  private static final Logger LOG = LoggerFactory.getLogger(RejectedRows.class);
  private static final int LOGGED = 20;

  static final String PREFIX = "_rejected/";

  private final DuckDbSession duck;
  private final Workspace workspace;

  RejectedRows(DuckDbSession duck, Workspace workspace) {
    this.duck = duck;
    this.workspace = workspace;
  }

  /**
   * Finds the rejected rows of schema {@code batch}, fails if there are more than {@code allowed},
   * else removes them from the batch and writes them to local CSV files.
   *
   * @return per source table, the rejected rows and the file listing them
   */
  Map<String, Rejected> setAside(
      String ingestionBatch, BatchId batch, List<String> objectKeys, long allowed)
      throws SQLException {
    duck.execute("CREATE TABLE objects (number INTEGER, object_key VARCHAR)");
    try (PreparedStatement insert =
        duck.connection().prepareStatement("INSERT INTO objects VALUES (?, ?)")) {
      for (int i = 0; i < objectKeys.size(); i++) {
        insert.setInt(1, i);
        insert.setString(2, objectKeys.get(i));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    duck.execute(
        "CREATE TABLE rejected AS SELECT r.*, o.object_key FROM ("
            + RowCheck.brokenRows()
            + ") AS r LEFT JOIN objects AS o ON o.number = r._object");
    long rows = duck.queryLong("SELECT count(DISTINCT (source_table, row_id)) FROM rejected");
    if (rows == 0) {
      return Map.of();
    }
    List<List<String>> problems =
        duck.query(
            "SELECT source_table, object_key, row_key, column_name, value, problem FROM rejected"
                + " ORDER BY source_table, row_id, column_name LIMIT "
                + LOGGED);
    if (rows > allowed) {
      List<String> first = problems.get(0);
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          describe(first)
              + "; ingestion batch "
              + ingestionBatch
              + " has "
              + rows
              + (rows == 1 ? " such row" : " such rows")
              + " (allowed: "
              + allowed
              + "): nothing committed; correct the source rows, or let --max-rejected-rows set"
              + " them aside");
    }
    for (List<String> problem : problems) {
      LOG.warn("rejected: {}", describe(problem));
    }
    if (rows > LOGGED) {
      LOG.warn("rejected: {} rows in all; see the rejected-rows objects", rows);
    }
    Map<String, Rejected> files = new LinkedHashMap<>();
    for (List<String> row :
        duck.query(
            "SELECT source_table, count(DISTINCT row_id) FROM rejected GROUP BY 1 ORDER BY 1")) {
      String table = row.get(0);
      duck.update(
          "DELETE FROM batch."
              + identifier(table)
              + " WHERE rowid IN (SELECT row_id FROM rejected WHERE source_table = "
              + literal(table)
              + ")");
      String key = batch.objectKey(PREFIX + table, ".csv");
      Path local = workspace.file("out", key);
      duck.execute(
          "COPY (SELECT source_table, object_key, row_key, column_name, value, problem"
              + " FROM rejected WHERE source_table = "
              + literal(table)
              + " ORDER BY row_id, column_name) TO "
              + literal(local.toString())
              + " (FORMAT csv, HEADER)");
      files.put(table, new Rejected(Long.parseLong(row.get(1)), key, local));
    }
    return files;
  }

  private static String describe(List<String> p) {
    return p.get(0)
        + " row "
        + p.get(2)
        + " in object "
        + p.get(1)
        + ": "
        + p.get(3)
        + " "
        + (p.get(4) == null ? "NULL" : "'" + p.get(4) + "'")
        + " "
        + p.get(5);
  }

  /** One source table's rejected rows: how many, and the file (and its lake key) listing them. */
  record Rejected(long rows, String key, Path file) {}
}
