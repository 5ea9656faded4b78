package dev.blackwater.transform;

import static dev.blackwater.Sql.literal;

import dev.blackwater.catalog.Column;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.LakeFiles;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries an ingestion batch's deletion records (per source table: key, and when its deletion was
 * seen, or no time for a key that is back) to the warehouse table the source table feeds: {@code
 * _deleted/<warehouse_table>/<yyyy>/<mm>/<dd>/<batch>.parquet} with {@code key INTEGER, deleted_at
 * TIMESTAMP}. The loader ends a deleted fact with a final version and marks a deleted dimension
 * row; a department feeds no table of its own (dim_staff keeps its name), so its records stop here.
 */
@SuppressFBWarnings(
    value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
    justification = "files are literals")
final class DeletionRecords {

  private static final Logger LOG = LoggerFactory.getLogger(DeletionRecords.class);

  static final String PREFIX = "_deleted/";
  static final List<Column> COLUMNS =
      List.of(new Column("key", "INTEGER"), new Column("deleted_at", "TIMESTAMP"));

  /** The warehouse table each source table's rows become. */
  static final Map<String, String> WAREHOUSE_TABLE =
      Map.ofEntries(
          Map.entry("sales_order", "fact_sales_order"),
          Map.entry("purchase_order", "fact_purchase_order"),
          Map.entry("payment", "fact_payment"),
          Map.entry("staff", "dim_staff"),
          Map.entry("address", "dim_location"),
          Map.entry("currency", "dim_currency"),
          Map.entry("design", "dim_design"),
          Map.entry("counterparty", "dim_counterparty"),
          Map.entry("payment_type", "dim_payment_type"),
          Map.entry("transaction", "dim_transaction"));

  private final DuckDbSession duck;
  private final Workspace workspace;
  private final LakeStore ingestion;

  DeletionRecords(DuckDbSession duck, Workspace workspace, LakeStore ingestion) {
    this.duck = duck;
    this.workspace = workspace;
    this.ingestion = ingestion;
  }

  /** A warehouse table's records, written to a local Parquet file. */
  record Local(Path file, long rows) {}

  /** Writes the records of {@code source} per warehouse table. */
  Map<String, Local> write(Manifest source, BatchId batch) throws SQLException {
    Map<String, Local> written = new LinkedHashMap<>();
    if (source.deleted() == null) {
      return written;
    }
    for (Map.Entry<String, Manifest.Table> e : source.deleted().entrySet()) {
      Optional<String> target = Optional.ofNullable(WAREHOUSE_TABLE.get(e.getKey()));
      if (target.isEmpty()) {
        LOG.info(
            "{}: {} deletion record(s); no warehouse table of its own",
            e.getKey(),
            e.getValue().rows());
        continue;
      }
      StringBuilder files = new StringBuilder();
      for (ObjectRef object : e.getValue().objects()) {
        Path local = workspace.file("deleted", object.key());
        LakeFiles.download(ingestion, source.batch(), object, local);
        files.append(files.length() == 0 ? "" : ", ").append(literal(local.toString()));
      }
      Path out = workspace.file("out", batch.objectKey(PREFIX + target.get(), ".parquet"));
      long rows;
      try (Statement s = duck.connection().createStatement()) {
        rows =
            s.executeLargeUpdate(
                "COPY (SELECT key, CAST(deleted_at AS TIMESTAMP) AS deleted_at FROM read_csv(["
                    + files
                    + "], header = true, columns = {'key': 'INTEGER', 'deleted_at': 'VARCHAR'})"
                    + " ORDER BY key) TO "
                    + literal(out.toString())
                    + " (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1)");
      }
      written.put(target.get(), new Local(out, rows));
    }
    return written;
  }
}
