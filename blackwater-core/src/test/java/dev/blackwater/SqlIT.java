package dev.blackwater;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PostgreSQL reads back exactly the names and values that {@link Sql} quoted. */
@ExtendWith(PostgresExtension.class)
class SqlIT {

  @Test
  void postgresTakesBackWhatWasQuoted(TestDatabase db) {
    String schema = "Mixed \"Case\"";
    String table = "it's a \"table\"";
    String column = "Select";
    String value = "O'Franey \"Jr\" \\ ;--";
    db.execute("CREATE SCHEMA " + Sql.identifier(schema));
    db.execute(
        "CREATE TABLE " + Sql.qualified(schema, table) + " (" + Sql.identifier(column) + " text)");
    db.execute(
        "INSERT INTO " + Sql.qualified(schema, table) + " VALUES (" + Sql.literal(value) + ")");

    assertThat(
            db.queryString(
                "SELECT table_schema || '|' || table_name || '|' || column_name"
                    + " FROM information_schema.columns WHERE table_name = "
                    + Sql.literal(table)))
        .isEqualTo(schema + "|" + table + "|" + column);
    assertThat(
            db.queryString(
                "SELECT " + Sql.identifier(column) + " FROM " + Sql.qualified(schema, table)))
        .isEqualTo(value);
  }
}
