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
}
