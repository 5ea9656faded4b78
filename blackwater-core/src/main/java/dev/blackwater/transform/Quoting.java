package dev.blackwater.transform;

/** SQL text for DuckDB: string literals and identifiers, quoted so no value can break out. */
final class Quoting {

  private Quoting() {}

  /** {@code 'it''s'}. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** {@code "name"}. */
  static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
