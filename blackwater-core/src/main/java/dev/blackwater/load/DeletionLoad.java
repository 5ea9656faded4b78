package dev.blackwater.load;

import dev.blackwater.Sql;
import dev.blackwater.warehouse.WarehouseSchema;
import dev.blackwater.warehouse.WarehouseTable;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;

/**
 * Applies a processed batch's deletion records to one warehouse table, in the batch's transaction:
 * a dimension row takes the record's {@code deleted_at} (NULL for a key that is back); a deleted
 * fact gets a final version, a copy of its newest version with {@code last_updated} and {@code
 * deleted_at} set to when the deletion was seen (its date added to dim_date first). Rebuilding from
 * the lake applies the same records to the same versions in the same order: the same result.
 */
@SuppressFBWarnings(
    value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
    justification = "names are quoted; the statements take no values")
final class DeletionLoad {

  private static final List<WarehouseTable.Column> RECORD =
      List.of(
          new WarehouseTable.Column("key", "integer"),
          new WarehouseTable.Column("deleted_at", "timestamp without time zone"));

  private final Connection connection;
  private final WarehouseSchema schema;
  private final ParquetCopy parquet;

  DeletionLoad(Connection connection, WarehouseSchema schema, ParquetCopy parquet) {
    this.connection = connection;
    this.schema = schema;
    this.parquet = parquet;
  }

  /**
   * Applies the records in {@code files} to {@code table}.
   *
   * @return the rows changed: dimension rows marked or cleared, final fact versions added
   */
  long apply(WarehouseTable table, List<Path> files, long expected) throws SQLException {
    String staging = Sql.identifier("del_" + table.tableName());
    try (Statement s = connection.createStatement()) {
      s.execute(
          "CREATE TEMP TABLE "
              + staging
              + " (key integer NOT NULL, deleted_at timestamp) ON COMMIT DROP");
    }
    long copied =
        parquet.copy(
            files,
            table,
            RECORD,
            0,
            staging,
            List.of("int4", "timestamp"),
            connection.unwrap(PGConnection.class),
            false);
    if (copied != expected) {
      throw new SQLException(
          table.tableName()
              + " has "
              + copied
              + " deletion records in its Parquet, but its manifest says "
              + expected,
          "22000");
    }
    String target = schema.qualified(table.tableName());
    String key = Sql.identifier(table.key());
    try (Statement s = connection.createStatement()) {
      if (table.kind() == WarehouseTable.Kind.DIMENSION) {
        return s.executeUpdate(
            "UPDATE "
                + target
                + " t SET deleted_at = d.deleted_at FROM "
                + staging
                + " d WHERE t."
                + key
                + " = d.key AND t.deleted_at IS DISTINCT FROM d.deleted_at");
      }
      s.executeUpdate(dates(staging));
      return s.executeUpdate(finalVersions(table, target, staging));
    }
  }

  /** Adds the days deletions were seen on to dim_date, as the transform's dim_date model would. */
  private String dates(String staging) {
    return "INSERT INTO "
        + schema.qualified(WarehouseTable.DIM_DATE.tableName())
        + " (date_id, year, month, day, day_of_week, day_name, month_name, quarter)"
        + " SELECT d, extract(year FROM d)::int, extract(month FROM d)::int,"
        + " extract(day FROM d)::int, extract(isodow FROM d)::int, to_char(d, 'FMDay'),"
        + " to_char(d, 'FMMonth'), extract(quarter FROM d)::int"
        + " FROM (SELECT DISTINCT deleted_at::date AS d FROM "
        + staging
        + " WHERE deleted_at IS NOT NULL) days"
        + " WHERE NOT EXISTS (SELECT 1 FROM "
        + schema.qualified(WarehouseTable.DIM_DATE.tableName())
        + " x WHERE x.date_id = days.d)";
  }

  /** A final version for each deleted fact whose newest version does not already mark it. */
  private static String finalVersions(WarehouseTable table, String target, String staging) {
    String key = Sql.identifier(table.key());
    List<String> columns = new ArrayList<>(table.columnNames());
    columns.add(WarehouseTable.DELETED_AT.name());
    String list = columns.stream().map(Sql::identifier).collect(Collectors.joining(", "));
    String values =
        columns.stream()
            .map(
                c ->
                    switch (c) {
                      case "last_updated_date" -> "d.deleted_at::date";
                      case "last_updated_time" -> "d.deleted_at::time";
                      case "deleted_at" -> "d.deleted_at";
                      default -> "f." + Sql.identifier(c);
                    })
            .collect(Collectors.joining(", "));
    return "INSERT INTO "
        + target
        + " ("
        + list
        + ") SELECT "
        + values
        + " FROM (SELECT DISTINCT ON (v."
        + key
        + ") v.* FROM "
        + target
        + " v WHERE v."
        + key
        + " IN (SELECT key FROM "
        + staging
        + " WHERE deleted_at IS NOT NULL) ORDER BY v."
        + key
        + ", v.last_updated_date DESC, v.last_updated_time DESC, v."
        + Sql.identifier(table.recordId())
        + " DESC) f JOIN "
        + staging
        + " d ON d.key = f."
        + key
        + " WHERE d.deleted_at IS NOT NULL AND f.deleted_at IS NULL"
        + " AND NOT EXISTS (SELECT 1 FROM "
        + target
        + " x WHERE x."
        + key
        + " = f."
        + key
        + " AND x.last_updated_date = d.deleted_at::date"
        + " AND x.last_updated_time = d.deleted_at::time)";
  }
}
