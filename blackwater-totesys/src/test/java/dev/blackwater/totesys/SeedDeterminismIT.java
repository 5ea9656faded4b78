package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeedDeterminismIT {

  @Test
  void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() throws SQLException {
    try (TestDatabase first = seeded("first", 0.05, 7);
        TestDatabase second = seeded("second", 0.05, 7);
        TestDatabase other = seeded("other", 0.05, 8)) {
      Map<String, String> prints = Fingerprint.of(first);
      assertThat(Fingerprint.of(second)).isEqualTo(prints);
      Map<String, String> others = Fingerprint.of(other);
      for (String table :
          new String[] {
            "address",
            "department",
            "design",
            "counterparty",
            "staff",
            "sales_order",
            "purchase_order",
            "transaction",
            "payment"
          }) {
        assertThat(others.get(table)).as(table).isNotEqualTo(prints.get(table));
      }
      assertThat(others.get("currency")).isEqualTo(prints.get("currency"));
    }
  }

  @Test
  void aTinyScaleStillHasOneOfEachOrder() throws SQLException {
    try (TestDatabase tiny = seeded("tiny", 0.00001, 3)) {
      for (String table :
          new String[] {"design", "sales_order", "purchase_order", "transaction", "payment"}) {
        assertThat(tiny.queryLong("SELECT count(*) FROM " + TotesysSchema.quoted(table)))
            .as(table)
            .isEqualTo(table.equals("transaction") || table.equals("payment") ? 2 : 1);
      }
      assertThat(tiny.queryLong("SELECT count(*) FROM address")).isEqualTo(30);
    }
  }

  @Test
  void aFractionalScaleRoundsTheCounts() throws SQLException {
    try (TestDatabase small = PostgresServer.shared().createDatabase("fraction");
        Connection connection = small.connect()) {
      connection.setAutoCommit(false);
      TotesysSchema.create(connection);
      SeedResult result = new Seeder().seed(connection, new SeedOptions(0.01, 1));
      assertThat(connection.getAutoCommit()).isFalse();
      assertThat(small.queryLong("SELECT count(*) FROM payment")).isEqualTo(158);
      assertThat(result.rows())
          .containsEntry("design", 5L)
          .containsEntry("sales_order", 112L)
          .containsEntry("purchase_order", 46L)
          .containsEntry("payment", 158L)
          .containsEntry("staff", 20L);
    }
  }

  private static TestDatabase seeded(String label, double scale, long seed) throws SQLException {
    TestDatabase db = PostgresServer.shared().createDatabase(label);
    try (Connection connection = db.connect()) {
      TotesysSchema.create(connection);
      new Seeder().seed(connection, new SeedOptions(scale, seed));
    }
    return db;
  }
}
