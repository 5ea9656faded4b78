package dev.blackwater.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.WarehouseMode;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class WarehouseSchemaIT {

  @Test
  void migratesExactlyThePublishedStarSchemaThenChecksIt(TestDatabase db) {
    DatabaseConfig config = new DatabaseConfig("warehouse", db.jdbcUrl(), db.user(), db.password());
    WarehouseSchema schema = new WarehouseSchema(config, "star");

    assertThat(schema.migrate()).isEqualTo(5);
    assertThat(schema.migrate()).isZero();
    schema.check();
    for (String migration : List.of("1", "2", "3", "10", "11")) {
      assertThat(
              db.queryLong(
                  "SELECT checksum FROM star.blackwater_schema_history WHERE version = '"
                      + migration
                      + "'"))
          .as("Blackwater computes migration %s's checksum as Flyway does", migration)
          .isEqualTo(
              WarehouseSchema.checksum(
                  db.queryString(
                      "SELECT script FROM star.blackwater_schema_history WHERE version = '"
                          + migration
                          + "'")));
    }

    for (WarehouseTable table : WarehouseTable.values()) {
      List<String> expected = new ArrayList<>();
      if (table.recordId() != null) {
        expected.add(table.recordId() + " integer");
      }
      table.columns().forEach(c -> expected.add(c.name() + " " + c.type()));
      if (table.deletable()) {
        expected.add("deleted_at timestamp without time zone");
      }
      String actual =
          db.queryString(
              "SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ',' ORDER BY a.attnum)"
                  + " FROM pg_attribute a WHERE a.attrelid = 'star."
                  + table.tableName()
                  + "'::regclass"
                  + " AND a.attnum > 0 AND NOT a.attisdropped");
      assertThat(actual).as(table.tableName()).isEqualTo(String.join(",", expected));
    }
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'f'"
                    + " AND conrelid = 'star.fact_sales_order'::regclass"))
        .isEqualTo(9);
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM pg_views WHERE schemaname = 'star' AND viewname LIKE '%_current'"))
        .isEqualTo(3);
    assertThat(WarehouseSchema.ddl())
        .contains("CREATE TABLE fact_payment")
        .contains("blackwater_loaded_batch");
  }

  @Test
  void checkNamesWhatDoesNotFit(TestDatabase db) {
    DatabaseConfig config = new DatabaseConfig("warehouse", db.jdbcUrl(), db.user(), db.password());
    new WarehouseSchema(config, "drift").migrate();
    db.execute("ALTER TABLE drift.dim_staff DROP COLUMN location");
    db.execute("ALTER TABLE drift.dim_currency ALTER COLUMN currency_code TYPE date USING NULL");
    db.execute("ALTER TABLE drift.dim_design DROP COLUMN deleted_at");

    assertThatThrownBy(() -> new WarehouseSchema(config, "drift").check())
        .hasMessageContaining("dim_staff.location is missing")
        .hasMessageContaining("dim_design.deleted_at is missing")
        .hasMessageContaining("dim_currency.currency_code is date, expected character varying");
    assertThatThrownBy(() -> new WarehouseSchema(config, "Bad-Name"))
        .hasMessageContaining("not a plain lower-case SQL identifier");
  }

  @Test
  void aTamperedMigrationHistoryIsRefusedNamingTheSchema(TestDatabase db) {
    DatabaseConfig config = new DatabaseConfig("warehouse", db.jdbcUrl(), db.user(), db.password());
    WarehouseSchema schema = new WarehouseSchema(config, "tampered");
    assertThat(schema.prepare(WarehouseMode.MIGRATE)).isEqualTo(5);
    assertThat(schema.prepare(WarehouseMode.CHECK)).isZero();
    assertThat(schema.prepare(WarehouseMode.MIGRATE)).isZero();
    db.execute("UPDATE tampered.blackwater_schema_history SET checksum = 1 WHERE version = '1'");

    assertThatThrownBy(schema::migrate)
        .hasMessageContaining("cannot migrate the warehouse schema tampered");
  }

  @Test
  void typeFamilies() {
    assertThat(WarehouseSchema.compatible("character varying", "text")).isTrue();
    assertThat(WarehouseSchema.compatible("numeric(10,2)", "numeric")).isTrue();
    assertThat(WarehouseSchema.compatible("integer", "bigint")).isTrue();
    assertThat(WarehouseSchema.compatible("date", "timestamp without time zone")).isFalse();
    assertThat(WarehouseTable.named("dim_date")).isEqualTo(WarehouseTable.DIM_DATE);
    assertThatThrownBy(() -> WarehouseTable.named("x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
