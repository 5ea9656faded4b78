package dev.blackwater.transform;

import dev.blackwater.pipeline.BlackwaterException;
import dev.blackwater.pipeline.ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The DuckDB type that reads a column of the ingestion zone, from its PostgreSQL type as {@code
 * format_type} gives it in the manifest. Types are never inferred from the data.
 */
final class SourceTypes {

  /**
   * Unconstrained {@code numeric}: ten integer digits and eight decimals, exact for any amount the
   * warehouse's numeric(10,2) can hold and wide enough to see one it cannot. (DuckDB parses
   * decimals of up to 18 digits many times faster than wider ones.)
   */
  static final String UNCONSTRAINED_NUMERIC = "DECIMAL(18,8)";

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
