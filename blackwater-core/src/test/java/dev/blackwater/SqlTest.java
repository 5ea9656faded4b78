package dev.blackwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.duckdb.DuckDbSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlTest {

  @Test
  void anIdentifierIsDoubleQuotedWithItsDoubleQuotesDoubled() {
    assertThat(Sql.identifier("fact_sales_order")).isEqualTo("\"fact_sales_order\"");
    assertThat(Sql.identifier("Mixed Case")).isEqualTo("\"Mixed Case\"");
    assertThat(Sql.identifier("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(Sql.identifier("\"; DROP TABLE x; --")).isEqualTo("\"\"\"; DROP TABLE x; --\"");
    assertThat(Sql.identifier("it's")).isEqualTo("\"it's\"");
  }

  @Test
  void aQualifiedNameQuotesSchemaAndTable() {
    assertThat(Sql.qualified("order", "my \"t\"")).isEqualTo("\"order\".\"my \"\"t\"\"\"");
  }

  @Test
  void aLiteralIsSingleQuotedWithItsApostrophesDoubled() {
    assertThat(Sql.literal("O'Franey")).isEqualTo("'O''Franey'");
    assertThat(Sql.literal("")).isEqualTo("''");
    assertThat(Sql.literal("a \"b\" \\n")).isEqualTo("'a \"b\" \\n'");
    assertThat(Sql.literal("'; DROP TABLE x; --")).isEqualTo("'''; DROP TABLE x; --'");
  }

  @Test
  void anEmptyIdentifierIsRefused() {
    assertThatThrownBy(() -> Sql.identifier(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an SQL identifier cannot be empty");
  }

  @Test
  void duckDbTakesBackWhatWasQuoted(@TempDir Path dir) throws Exception {
    String schema = "Mixed \"Case\"";
    String table = "it's a \"table\"";
    String column = "Select";
    String value = "O'Franey \"Jr\" \\ ;--";
    try (DuckDbSession duck = new DuckDbSession("64MB", 1, dir)) {
      duck.execute("CREATE SCHEMA " + Sql.identifier(schema));
      duck.execute(
          "CREATE TABLE "
              + Sql.qualified(schema, table)
              + " ("
              + Sql.identifier(column)
              + " text)");
      duck.execute(
          "INSERT INTO " + Sql.qualified(schema, table) + " VALUES (" + Sql.literal(value) + ")");

      assertThat(
              duck.query(
                  "SELECT table_schema, table_name, column_name FROM information_schema.columns"
                      + " WHERE table_name = "
                      + Sql.literal(table)))
          .containsExactly(List.of(schema, table, column));
      assertThat(
              duck.query(
                  "SELECT " + Sql.identifier(column) + " FROM " + Sql.qualified(schema, table)))
          .containsExactly(List.of(value));
    }
  }
}
