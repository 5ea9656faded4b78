package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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

  /**
   * A history that ends on another day (here a Wednesday, so its weeks fall differently from the
   * snapshot's) holds the same orders, moved in time: the same every time, and nothing after its
   * last day.
   */
  @Test
  void aHistoryEndingOnAnotherDayHoldsTheSameOrdersMovedInTime() throws SQLException {
    LocalDate lastDay = LocalDate.of(2031, 3, 5);
    WorkingHours calendar = WorkingHours.endingOn(lastDay);
    SeedOptions options = new SeedOptions(0.05, 7).endingOn(lastDay);
    try (TestDatabase snapshot = seeded("snapshot_calendar", new SeedOptions(0.05, 7));
        TestDatabase moved = seeded("moved", options);
        TestDatabase again = seeded("moved_again", options)) {
      assertThat(Fingerprint.of(again)).isEqualTo(Fingerprint.of(moved));
      assertThat(Fingerprint.of(moved).get("sales_order"))
          .isNotEqualTo(Fingerprint.of(snapshot).get("sales_order"));
      String terms =
          "(t.design_id, t.staff_id, t.counterparty_id, t.units_sold, t.unit_price,"
              + " t.currency_id, t.agreed_delivery_location_id,"
              + " t.agreed_delivery_date::date - t.created_at::date,"
              + " t.agreed_payment_date::date - t.created_at::date)::text";
      assertThat(Fingerprint.of(moved, "sales_order", terms))
          .isEqualTo(Fingerprint.of(snapshot, "sales_order", terms));
      assertThat(moved.queryLong("SELECT count(*) FROM sales_order"))
          .isEqualTo(snapshot.queryLong("SELECT count(*) FROM sales_order"));

      String end = lastDay + " 18:59:59.999";
      for (String table : TotesysSchema.tables()) {
        assertThat(
                moved.queryLong(
                    "SELECT count(*) FROM "
                        + TotesysSchema.quoted(table)
                        + " WHERE last_updated > '"
                        + end
                        + "' OR created_at < '"
                        + sql(calendar.referenceCreated())
                        + "'"))
            .as(table)
            .isZero();
      }
      assertThat(moved.queryString("SELECT min(created_at)::text FROM address"))
          .isEqualTo(sql(calendar.referenceCreated()));
      assertThat(moved.queryString("SELECT max(created_at)::date::text FROM sales_order"))
          .isBetween(lastDay.minusDays(2).toString(), lastDay.toString());
      assertThat(
              moved.queryLong(
                  "SELECT count(*) FROM sales_order WHERE extract(isodow FROM created_at) > 5"))
          .isZero();
    }
  }

  /** A moment as PostgreSQL writes a timestamp. */
  private static String sql(long millis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC)
        .toString()
        .replace('T', ' ');
  }

  private static TestDatabase seeded(String label, double scale, long seed) throws SQLException {
    return seeded(label, new SeedOptions(scale, seed));
  }

  private static TestDatabase seeded(String label, SeedOptions options) throws SQLException {
    TestDatabase db = PostgresServer.shared().createDatabase(label);
    try (Connection connection = db.connect()) {
      TotesysSchema.create(connection);
      new Seeder().seed(connection, options);
    }
    return db;
  }
}
