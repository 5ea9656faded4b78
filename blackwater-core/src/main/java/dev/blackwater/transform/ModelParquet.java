package dev.blackwater.transform;

import static dev.blackwater.Sql.identifier;
import static dev.blackwater.Sql.literal;

import dev.blackwater.catalog.Column;
import dev.blackwater.iceberg.LakeSchemas;
import dev.blackwater.warehouse.WarehouseTable;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model's rows as the processed batch's Parquet, with the Iceberg table's field ids (so that its
 * statistics name the right columns). A dimension is one file; a fact is one file per month of
 * {@code last_updated_date}, DuckDB writing them in one pass ({@code PARTITION_BY}), so that each
 * object is one partition of the fact's Iceberg table as it is: a first batch, which holds years of
 * history, is committed without splitting its objects afterwards (docs/lake-layout.md).
 */
final class ModelParquet {

  /** The column DuckDB partitions a fact's rows by; it is not written into the files. */
  private static final String MONTH = "lake_month";

  /** One file: its path, the suffix of its object's key after the batch id, and its rows. */
  record Part(Path file, String suffix, long rows) {}

  /** What a model wrote: its files (none for a fact with no rows) and all their rows. */
  record Written(List<Part> parts, long rows) {}

  private ModelParquet() {}

  /**
   * Writes the model's rows under {@code target} (a dimension to {@code <target>.parquet}, a fact
   * into the folder {@code target}).
   */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "the models are the transform's own SQL resources; the paths are literals")
  static Written write(Connection duck, Model model, Path target) throws SQLException {
    WarehouseTable table = WarehouseTable.named(model.name());
    String options =
        "FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 1, "
            + LakeSchemas.fieldIdsOption(table);
    try (Statement s = duck.createStatement()) {
      if (table.kind() != WarehouseTable.Kind.FACT) {
        Path file = target.resolveSibling(target.getFileName() + ".parquet");
        long rows =
            s.executeLargeUpdate(
                "COPY (" + model.sql() + ") TO " + literal(file.toString()) + " (" + options + ")");
        return new Written(List.of(new Part(file, ".parquet", rows)), rows);
      }
      long rows =
          s.executeLargeUpdate(
              "COPY (SELECT *, strftime("
                  + LakeSchemas.PARTITION_DATE
                  + ", '%Y-%m') AS "
                  + MONTH
                  + " FROM ("
                  + model.sql()
                  + ")) TO "
                  + literal(target.toString())
                  + " ("
                  + options
                  + ", PARTITION_BY ("
                  + MONTH
                  + "), FILENAME_PATTERN 'part{i}')");
      if (rows == 0) {
        return new Written(List.of(), 0);
      }
      Map<String, List<Path>> byMonth = new LinkedHashMap<>();
      Map<Path, Long> rowsOf = new LinkedHashMap<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT file_name, num_rows FROM parquet_file_metadata("
                  + literal(target + "/*/*.parquet")
                  + ") ORDER BY file_name")) {
        while (r.next()) {
          Path file = Path.of(r.getString(1));
          String folder = file.getParent().getFileName().toString();
          String month = folder.substring(folder.indexOf('=') + 1);
          byMonth.computeIfAbsent(month, m -> new ArrayList<>()).add(file);
          rowsOf.merge(file, r.getLong(2), Long::sum);
        }
      }
      List<Part> parts = new ArrayList<>();
      for (Map.Entry<String, List<Path>> month : byMonth.entrySet()) {
        List<Path> files = month.getValue();
        for (int i = 0; i < files.size(); i++) {
          String suffix =
              "." + month.getKey() + (files.size() == 1 ? "" : "-" + (i + 1)) + ".parquet";
          parts.add(new Part(files.get(i), suffix, rowsOf.get(files.get(i))));
        }
      }
      return new Written(List.copyOf(parts), rows);
    }
  }

  /** Makes the model's rows readable by its name (dim_date reads the facts). */
  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification = "the name and columns are quoted, the files literals")
  static void view(Connection duck, Model model, Written written, List<Column> columns)
      throws SQLException {
    String select;
    if (written.parts().isEmpty()) {
      List<String> nulls = new ArrayList<>();
      for (Column c : columns) {
        nulls.add("CAST(NULL AS " + c.type() + ") AS " + identifier(c.name()));
      }
      select = "SELECT " + String.join(", ", nulls) + " WHERE false";
    } else {
      List<String> files = new ArrayList<>();
      written.parts().forEach(p -> files.add(literal(p.file().toString())));
      select =
          "SELECT * FROM read_parquet(["
              + String.join(", ", files)
              + "], hive_partitioning = false)";
    }
    try (Statement s = duck.createStatement()) {
      s.execute("CREATE VIEW " + identifier(model.name()) + " AS " + select);
    }
  }
}
