package dev.blackwater.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.WarehouseMode;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class WarehouseStateIT {

  @Test
  void readsTheBookkeepingOfLoadedBatches(TestDatabase db) throws SQLException {
    DatabaseConfig config = new DatabaseConfig("warehouse", db.jdbcUrl(), db.user(), db.password());
    WarehouseSchema schema = new WarehouseSchema(config, "kept");
    try (Connection c = db.connect()) {
      WarehouseState state = new WarehouseState(c, schema);

      assertThat(state.hasBookkeeping()).isFalse();
      assertThat(state.loadedBatches()).isEmpty();

      schema.prepare(WarehouseMode.MIGRATE);
      db.execute(
          "INSERT INTO kept.blackwater_loaded_batch (batch_id, source_batch, rows_per_table,"
              + " code_version) VALUES ('b2', 'i2', '{}', 'test'), ('b1', 'i1', '{}', 'test')");

      assertThat(state.hasBookkeeping()).isTrue();
      assertThat(state.loadedBatches()).containsExactly("b1", "b2");
      assertThat(state.isLoaded("b1")).isTrue();
      assertThat(state.isLoaded("b3")).isFalse();
    }
  }

  @Test
  void theNewestVersionIsReadFromTheBookkeepingOrFromTheFactsWhenItLacksTheColumn(TestDatabase db)
      throws SQLException {
    DatabaseConfig config = new DatabaseConfig("warehouse", db.jdbcUrl(), db.user(), db.password());
    WarehouseSchema schema = new WarehouseSchema(config, "newest");
    schema.prepare(WarehouseMode.MIGRATE);
    db.execute(
        "SET session_replication_role = replica;" // facts without their dimensions
            + " INSERT INTO newest.fact_payment (payment_id, created_date, created_time,"
            + " last_updated_date, last_updated_time, transaction_id, counterparty_id,"
            + " payment_amount, currency_id, payment_type_id, paid, payment_date) VALUES"
            + " (1, '2024-01-01', '09:00', '2024-03-04', '05:06:07.891', 1, 1, 1.00, 1, 1, true,"
            + " '2024-01-02');"
            + " INSERT INTO newest.blackwater_loaded_batch (batch_id, source_batch, rows_per_table,"
            + " code_version, newest_version) VALUES ('b1', 'i1', '{}', 'test',"
            + " '2024-02-01 00:00:00'), ('b2', 'i2', '{}', 'test', NULL)");
    try (Connection c = db.connect()) {
      WarehouseState state = new WarehouseState(c, schema);

      assertThat(state.recordsNewestVersions()).isTrue();
      assertThat(state.newestVersion())
          .as("the bookkeeping's, not the facts'")
          .isEqualTo("2024-02-01T00:00:00.000000");

      db.execute("ALTER TABLE newest.blackwater_loaded_batch DROP COLUMN newest_version");

      assertThat(state.recordsNewestVersions()).isFalse();
      assertThat(state.newestVersion()).isEqualTo("2024-03-04T05:06:07.891000");
    }
  }
}
