package dev.blackwater.load;

import dev.blackwater.pipeline.BlackwaterException;
import dev.blackwater.pipeline.ErrorCode;
import edu.umd.cs.findbugs.annotations.SuppressFBWarnings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns Parquet files into one CSV file for PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)}:
 * the named columns in order, NULL as an unquoted empty field, an empty string as {@code ""}.
 * DuckDB does the work, with extension downloads off.
 */
final class ParquetToCsv implements AutoCloseable {

  private final Connection duckdb;

  @SuppressFBWarnings(
      value = "SQL_NONCONSTANT_STRING_PASSED_TO_EXECUTE",
      justification =
          "DuckDB SET takes no parameters; the memory limit is checked against its format"
              + " and the path is quoted as a literal")
  ParquetToCsv(Path tempDirectory, String memoryLimit) {
    if (!memoryLimit.matches("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|%)")) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "'" + memoryLimit + "' is not a memory limit (examples: 512MB, 2GB)");
    }
    try {
      duckdb = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = duckdb.createStatement()) {
        s.execute("SET autoinstall_known_extensions = false");
        s.execute("SET autoload_known_extensions = false");
        s.execute("SET memory_limit = '" + memoryLimit + "'");
        s.execute(
            "SET temp_directory = '" + literal(tempDirectory.resolve("duckdb").toString()) + "'");
        s.execute("SET preserve_insertion_order = false");
      }
    } catch (SQLException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "cannot start DuckDB for load: " + e.getMessage(), e);
    }
  }

  /** Writes the {@code columns} of {@code parquetFiles} as CSV to {@code csv}. */
  void convert(List<Path> parquetFiles, List<String> columns, Path csv, String table) {
    String files =
        parquetFiles.stream()
            .map(p -> "'" + literal(p.toString()) + "'")
            .collect(Collectors.joining(", "));
    String select = columns.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
    try (Statement s = duckdb.createStatement()) {
      s.execute(
          "COPY (SELECT "
              + select
              + " FROM read_parquet(["
              + files
              + "])) TO '"
              + literal(csv.toString())
              + "' (FORMAT csv, HEADER false)");
    } catch (SQLException e) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "cannot read the processed Parquet of " + table + ": " + e.getMessage(),
          e);
    }
  }

  private static String literal(String text) {
    return text.replace("'", "''");
  }

  @Override
  public void close() throws SQLException {
    duckdb.close();
  }
}
