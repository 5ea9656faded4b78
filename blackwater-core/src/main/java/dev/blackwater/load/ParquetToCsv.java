package dev.blackwater.load;

import dev.blackwater.Sql;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns Parquet files into one CSV file for PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)}:
 * the named columns in order, NULL as an unquoted empty field, an empty string as {@code ""}.
 */
final class ParquetToCsv implements AutoCloseable {

  private final DuckDbSession duckdb;

  ParquetToCsv(Path tempDirectory, String memoryLimit) {
    try {
      duckdb =
          new DuckDbSession(
              memoryLimit,
              Runtime.getRuntime().availableProcessors(),
              tempDirectory.resolve("duckdb"));
    } catch (SQLException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "cannot start DuckDB for load: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the {@code columns} of {@code parquetFiles} as CSV to {@code csv}; with {@code
   * firstRecordId} above 0, each row starts with a record id counting from it.
   */
  void convert(
      List<Path> parquetFiles, List<String> columns, long firstRecordId, Path csv, String table) {
    String files =
        parquetFiles.stream().map(p -> Sql.literal(p.toString())).collect(Collectors.joining(", "));
    String select = columns.stream().map(Sql::identifier).collect(Collectors.joining(", "));
    if (firstRecordId > 0) {
      select = "row_number() OVER () + " + (firstRecordId - 1) + ", " + select;
    }
    try {
      duckdb.execute(
          "COPY (SELECT "
              + select
              + " FROM read_parquet(["
              + files
              + "])) TO "
              + Sql.literal(csv.toString())
              + " (FORMAT csv, HEADER false)");
    } catch (SQLException e) {
      throw new BlackwaterException(
          ErrorCode.DATA_QUALITY,
          "cannot read the processed Parquet of " + table + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public void close() throws SQLException {
    duckdb.close();
  }
}
