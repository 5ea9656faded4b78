package dev.blackwater;

/**
 * Names and values written into SQL text, for the statements that cannot take them as parameters
 * (DDL, {@code COPY}, DuckDB's file functions). PostgreSQL and DuckDB quote alike, as the SQL
 * standard does: an identifier in double quotes, a string in single quotes, the quote character
 * doubled inside. Nothing quoted this way can end its quotes early, and an identifier keeps its
 * case and may be a reserved word.
 */
public final class Sql {

  private Sql() {}

  /** A quoted identifier: {@code my "table"} becomes {@code "my ""table"""}. */
  public static String identifier(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("an SQL identifier cannot be empty");
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A table of a schema, both quoted: {@code "schema"."table"}. */
  public static String qualified(String schema, String table) {
    return identifier(schema) + "." + identifier(table);
  }

  /**
   * A string literal: {@code it's} becomes {@code 'it''s'}. Backslashes stay as they are (standard
   * conforming strings, PostgreSQL's default and DuckDB's only way).
   */
  public static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
