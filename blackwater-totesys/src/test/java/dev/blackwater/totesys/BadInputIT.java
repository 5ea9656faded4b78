package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed and simulate refuse a database that is not ready for them, and leave it as it was. */
@ExtendWith(PostgresExtension.class)
class BadInputIT {

  @Test
  void seedWithoutTheSchemaNamesTheMissingTables(TestDatabase db) throws SQLException {
    try (Connection connection = db.connect()) {
      assertThatThrownBy(() -> new Seeder().seed(connection, new SeedOptions(0.01, 1)))
          .isInstanceOfSatisfying(TotesysException.class, BadInputIT::schemaMissing)
          .hasMessageContaining("address, currency, department")
          .hasMessageContaining("payment");
      assertThatThrownBy(() -> new Simulator().simulate(connection, new SimulateOptions(5, 1)))
          .isInstanceOfSatisfying(TotesysException.class, BadInputIT::schemaMissing)
          .hasMessageContaining("totesys tables are missing: address");
    }
  }

  @Test
  void aMissingTableIsNamed() throws SQLException {
    try (TestDatabase db = PostgresServer.shared().createDatabase("missing");
        Connection connection = db.connect()) {
      TotesysSchema.create(connection);
      db.execute("DROP TABLE payment");
      assertThatThrownBy(() -> new Seeder().seed(connection, new SeedOptions(0.01, 1)))
          .isInstanceOfSatisfying(TotesysException.class, BadInputIT::schemaMissing)
          .hasMessageContaining("missing: payment ");
    }
  }

  @Test
  void simulateNeedsASeededDatabase() throws SQLException {
    try (TestDatabase db = PostgresServer.shared().createDatabase("unseeded");
        Connection connection = db.connect()) {
      TotesysSchema.create(connection);
      assertThatThrownBy(() -> new Simulator().simulate(connection, new SimulateOptions(5, 1)))
          .isInstanceOfSatisfying(TotesysException.class, BadInputIT::schemaMissing)
          .hasMessageContaining("not seeded")
          .hasMessageContaining("sales_order");
      assertThat(db.queryLong("SELECT count(*) FROM sales_order")).isZero();
    }
  }

  @Test
  void simulateNeedsTheStandardPaymentTypes() throws SQLException {
    try (TestDatabase db = PostgresServer.shared().createDatabase("renamed");
        Connection connection = db.connect()) {
      TotesysSchema.create(connection);
      new Seeder().seed(connection, new SeedOptions(0.001, 1));
      db.execute("UPDATE payment_type SET payment_type_name = 'RECEIPT' WHERE payment_type_id = 1");
      assertThatThrownBy(() -> new Simulator().simulate(connection, new SimulateOptions(5, 1)))
          .isInstanceOfSatisfying(TotesysException.class, BadInputIT::schemaMissing)
          .hasMessageContaining("SALES_RECEIPT");
    }
  }

  @Test
  void aFailedSeedLeavesTheTablesEmptyWithTheirKeys() throws SQLException {
    try (TestDatabase db = PostgresServer.shared().createDatabase("failing");
        Connection connection = db.connect()) {
      TotesysSchema.create(connection);
      db.execute("ALTER TABLE sales_order ADD CONSTRAINT few_units CHECK (units_sold < 2000)");
      assertThatThrownBy(() -> new Seeder().seed(connection, new SeedOptions(0.01, 1)))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("sales_order");
      assertThat(connection.getAutoCommit()).isTrue();
      assertThat(db.queryLong("SELECT count(*) FROM address")).isZero();
      assertThat(db.queryLong("SELECT count(*) FROM pg_constraint WHERE contype = 'f'"))
          .isEqualTo(17);
    }
  }

  private static void schemaMissing(TotesysException e) {
    assertThat(e.kind()).isEqualTo(TotesysException.Kind.SCHEMA_MISSING);
  }
}
