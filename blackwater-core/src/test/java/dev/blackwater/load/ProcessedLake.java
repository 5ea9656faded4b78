package dev.blackwater.load;

import dev.blackwater.catalog.Column;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.Claim;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeWriter;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.StoredObject;
import dev.blackwater.warehouse.WarehouseTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes hand-made processed batches (typed Parquet through DuckDB, a manifest through the real
 * batch log) so that load can be tested on exactly the rows, and faults, a test needs.
 */
public final class ProcessedLake {

  private final LakeStore lake;
  private final Path scratch;
  private long sequence;

  public ProcessedLake(LakeStore lake, Path scratch) {
    this.lake = lake;
    this.scratch = scratch;
  }

  /** Commits the next batch with {@code rows}: per table, SQL value tuples in column order. */
  public Manifest commit(Map<WarehouseTable, List<String>> rows) {
    BatchLog log = new BatchLog(lake);
    BatchId batch =
        new BatchId(++sequence, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(sequence));
    Map<String, Manifest.Table> tables = new LinkedHashMap<>();
    for (Map.Entry<WarehouseTable, List<String>> e : rows.entrySet()) {
      WarehouseTable table = e.getKey();
      Path file = scratch.resolve(table.tableName() + "-" + sequence + ".parquet");
      writeParquet(table, e.getValue(), file);
      StoredObject stored = upload(batch.objectKey(table.tableName(), ".parquet"), file);
      tables.put(
          table.tableName(),
          Manifest.Table.of(
              e.getValue().size(),
              List.of(
                  new Manifest.ObjectRef(
                      stored.key(), e.getValue().size(), stored.bytes(), stored.sha256())),
              table.columns().stream().map(c -> new Column(c.name(), c.type())).toList()));
    }
    BatchId ingestion = new BatchId(sequence, batch.time().minusSeconds(1));
    Manifest manifest =
        Manifest.transform(
            batch,
            log.latestId(),
            ingestion,
            "test",
            batch.time(),
            batch.time(),
            tables,
            Map.of(),
            Map.of());
    log.commit(manifest, new Claim(batch.toString(), "test", "test", 0, batch.time()));
    return manifest;
  }

  private static void writeParquet(WarehouseTable table, List<String> tuples, Path file) {
    String names = String.join(", ", table.columnNames());
    String casts =
        table.columns().stream()
            .map(c -> "CAST(" + c.name() + " AS " + duckType(c.type()) + ") AS " + c.name())
            .collect(Collectors.joining(", "));
    String sql =
        "COPY (SELECT "
            + casts
            + " FROM (VALUES "
            + String.join(", ", tuples)
            + ") AS t("
            + names
            + ")) TO '"
            + file
            + "' (FORMAT parquet, COMPRESSION zstd)";
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = duck.createStatement()) {
      s.execute("SET autoinstall_known_extensions = false");
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static String duckType(String pgType) {
    return switch (pgType) {
      case "integer" -> "INTEGER";
      case "date" -> "DATE";
      case "time without time zone" -> "TIME";
      case "numeric(10,2)" -> "DECIMAL(10,2)";
      case "boolean" -> "BOOLEAN";
      default -> "VARCHAR";
    };
  }

  private StoredObject upload(String key, Path file) {
    try (LakeWriter writer = lake.create(key)) {
      Files.copy(file, writer);
      return writer.commit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One day of {@code dim_date} as a tuple. */
  public static String date(String isoDate) {
    java.time.LocalDate d = java.time.LocalDate.parse(isoDate);
    return String.format(
        Locale.ROOT,
        "('%s', %d, %d, %d, %d, '%s', '%s', %d)",
        d,
        d.getYear(),
        d.getMonthValue(),
        d.getDayOfMonth(),
        d.getDayOfWeek().getValue(),
        d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH),
        d.getMonth().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.ENGLISH),
        (d.getMonthValue() - 1) / 3 + 1);
  }
}
