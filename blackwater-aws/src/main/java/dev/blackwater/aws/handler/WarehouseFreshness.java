package dev.blackwater.aws.handler;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.warehouse.WarehouseSchema;
import dev.blackwater.warehouse.WarehouseState;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;

/** The newest source change the warehouse holds: the latest {@code last_updated} of its facts. */
final class WarehouseFreshness {

  private WarehouseFreshness() {}

  /** Empty while the schema has no bookkeeping or no fact rows. */
  static Optional<LocalDateTime> newestChange(DatabaseConfig warehouse, String schema) {
    WarehouseSchema target = new WarehouseSchema(warehouse, schema);
    try (Connection connection = warehouse.open()) {
      WarehouseState state = new WarehouseState(connection, target);
      if (!state.hasBookkeeping()) {
        return Optional.empty();
      }
      return Optional.ofNullable(state.newestVersion()).map(LocalDateTime::parse);
    } catch (SQLException e) {
      throw warehouse.connectionFailure(e);
    }
  }
}
