package dev.blackwater.transform;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DuckDB type that reads a column of the ingestion zone, from its PostgreSQL type as {@code
 * format_type} gives it in the manifest. Types are never inferred from the data.
 */
final class SourceTypes {

  /**
   * Unconstrained {@code numeric} (or one wider than DuckDB's 38 digits) is read as its text: any
   * PostgreSQL value fits, so nothing is rounded and nothing fails while reading. {@code rules.sql}
   * rejects a value the warehouse cannot take exactly and the models cast the rest, once. (Any
   * DECIMAL would round a value with more decimals than its scale and fail the whole batch on one
   * with more integer digits than it has room for.)
   */
  static final String UNCONSTRAINED_NUMERIC = "VARCHAR";

  private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
  private static final Pattern MODIFIER = Pattern.compile("\\(\\d+\\)");

  private SourceTypes() {}

  /**
   * The DuckDB type for {@code sourceType}.
   *
   * @throws BlackwaterException DATA_QUALITY naming the table and column for a type the transform
   *     cannot read
   */
  static String duckDb(String table, String column, String sourceType) {
    String type = sourceType.trim();
    Matcher numeric = NUMERIC.matcher(type.replace(" ", ""));
    if (numeric.matches()) {
      int precision = Integer.parseInt(numeric.group(1));
      return precision <= 38
          ? "DECIMAL(" + precision + "," + numeric.group(2) + ")"
          : UNCONSTRAINED_NUMERIC;
    }
    String base = MODIFIER.matcher(type).replaceAll("");
    return switch (base) {
      case "smallint" -> "SMALLINT";
      case "integer" -> "INTEGER";
      case "bigint" -> "BIGINT";
      case "numeric" -> UNCONSTRAINED_NUMERIC;
      case "real" -> "FLOAT";
      case "double precision" -> "DOUBLE";
      case "boolean" -> "BOOLEAN";
      case "character varying", "character", "text", "json", "jsonb" -> "VARCHAR";
      case "date" -> "DATE";
      case "timestamp without time zone" -> "TIMESTAMP";
      case "time without time zone" -> "TIME";
      case "uuid" -> "UUID";
      default ->
          throw new BlackwaterException(
              ErrorCode.DATA_QUALITY,
              "column "
                  + table
                  + "."
                  + column
                  + " has type '"
                  + sourceType
                  + "', which the transform cannot read");
    };
  }
}
