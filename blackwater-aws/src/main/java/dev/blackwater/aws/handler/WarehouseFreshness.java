package dev.blackwater.aws.handler;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.warehouse.WarehouseSchema;
import dev.blackwater.warehouse.WarehouseState;
import dev.blackwater.warehouse.WarehouseTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** The newest source change the warehouse holds: the latest {@code last_updated} of its facts. */
final class WarehouseFreshness {

  private static final List<WarehouseTable> FACTS =
      List.of(
          WarehouseTable.FACT_SALES_ORDER,
          WarehouseTable.FACT_PURCHASE_ORDER,
          WarehouseTable.FACT_PAYMENT);

  private WarehouseFreshness() {}

  /** Empty while the schema has no bookkeeping or no fact rows. */
  static Optional<LocalDateTime> newestChange(DatabaseConfig warehouse, String schema) {
    WarehouseSchema target = new WarehouseSchema(warehouse, schema);
    try (Connection connection = warehouse.open()) {
      WarehouseState state = new WarehouseState(connection, target);
      if (!state.hasBookkeeping()) {
        return Optional.empty();
      }
      Optional<LocalDateTime> newest = Optional.empty();
      for (WarehouseTable fact : FACTS) {
        String version = state.newestVersion(fact);
        if (version != null) {
          LocalDateTime time = LocalDateTime.parse(version);
          newest = newest.filter(n -> n.isAfter(time)).or(() -> Optional.of(time));
        }
      }
      return newest;
    } catch (SQLException e) {
      throw warehouse.connectionFailure(e);
    }
  }
}
