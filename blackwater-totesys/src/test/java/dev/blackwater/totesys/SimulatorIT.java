package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seeds a small totesys, simulates 60 changes, and finds each of them through last_updated. */
@ExtendWith(PostgresExtension.class)
class SimulatorIT {

  private static final String SEED_VALUES =
      "SELECT string_agg(department_name || '/' || location, ',' ORDER BY department_id)"
          + " FROM department";

  private static TestDatabase db;
  private static String before;
  private static String departmentsBefore;
  private static String addressesBefore;
  private static SimulateResult result;

  @BeforeAll
  static void seedAndSimulate(TestDatabase database) throws SQLException {
    db = database;
    try (Connection connection = db.connect()) {
      seed(connection);
      before = db.queryString("SELECT max(last_updated)::text FROM payment");
      departmentsBefore = db.queryString(SEED_VALUES);
      addressesBefore = Fingerprint.of(db).get("address");
      result = new Simulator().simulate(connection, new SimulateOptions(60, 5));
      assertThat(connection.getAutoCommit()).isTrue();
    }
  }

  private static void seed(Connection connection) throws SQLException {
    TotesysSchema.create(connection);
    new Seeder().seed(connection, new SeedOptions(0.02, 11));
  }

  @Test
  void everyKindOfChangeHappens() {
    assertThat(result.total()).isEqualTo(60);
    for (ChangeKind kind : ChangeKind.values()) {
      assertThat(result.count(kind)).as(kind.name()).isPositive();
    }
    assertThat(result.count(ChangeKind.NEW_SALES_ORDER))
        .isGreaterThan(result.count(ChangeKind.NEW_STAFF));
    assertThat(result.duration()).isPositive();
  }

  @Test
  void newOrdersComeWithTheirTransactionAndPayment() {
    int sales = result.count(ChangeKind.NEW_SALES_ORDER);
    int purchases = result.count(ChangeKind.NEW_PURCHASE_ORDER);
    assertThat(changed("sales_order", "created_at")).isEqualTo(sales);
    assertThat(changed("purchase_order", "created_at")).isEqualTo(purchases);
    assertThat(changed("transaction", "created_at")).isEqualTo(sales + purchases);
    assertThat(changed("payment", "created_at")).isEqualTo(sales + purchases);
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM payment WHERE created_at > '"
                    + before
                    + "' AND (paid OR last_updated <> created_at)"))
        .isLessThanOrEqualTo(result.count(ChangeKind.PAYMENT_PAID));
  }

  @Test
  void paymentsMarkedPaidAreVisible() {
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM payment WHERE paid AND last_updated > '" + before + "'"))
        .isEqualTo(result.count(ChangeKind.PAYMENT_PAID));
  }

  @Test
  void amendmentsAreVisible() {
    assertThat(amended("sales_order"))
        .isBetween(1L, (long) result.count(ChangeKind.SALES_ORDER_AMENDED));
    assertThat(amended("purchase_order"))
        .isBetween(1L, (long) result.count(ChangeKind.PURCHASE_ORDER_AMENDED));
  }

  @Test
  void lookupChangesAreVisible() {
    assertThat(changed("department", "last_updated")).isPositive();
    assertThat(db.queryString(SEED_VALUES)).isNotEqualTo(departmentsBefore);
    assertThat(changed("address", "last_updated"))
        .isBetween(1L, (long) result.count(ChangeKind.ADDRESS_CHANGED));
    assertThat(Fingerprint.of(db).get("address")).isNotEqualTo(addressesBefore);
    assertThat(changed("design", "created_at")).isEqualTo(result.count(ChangeKind.NEW_DESIGN));
    assertThat(changed("staff", "created_at")).isEqualTo(result.count(ChangeKind.NEW_STAFF));
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM staff WHERE email_address NOT LIKE '%@terrifictotes.com'"))
        .isZero();
  }

  @Test
  void changedRowsCarryMillisecondTimestamps() {
    for (String table : TotesysSchema.tables()) {
      assertThat(
              db.queryLong(
                  "SELECT count(*) FROM "
                      + TotesysSchema.quoted(table)
                      + " WHERE date_trunc('milliseconds', last_updated) <> last_updated"
                      + " OR last_updated < created_at"))
          .as(table)
          .isZero();
    }
  }

  @Test
  void ordersAndPaymentsStillAgree() {
    assertThat(
            db.queryLong(
                """
                SELECT count(*) FROM payment p
                  JOIN transaction t USING (transaction_id)
                  LEFT JOIN sales_order s USING (sales_order_id)
                  LEFT JOIN purchase_order o USING (purchase_order_id)
                 WHERE NOT p.paid
                   AND p.payment_amount <> coalesce(s.units_sold * s.unit_price,
                                                    o.item_quantity * o.item_unit_price)
                """))
        .isZero();
    assertThat(
            db.queryLong(
                "SELECT count(*) - count(DISTINCT transaction_id) FROM payment"
                    + " WHERE created_at > '"
                    + before
                    + "'"))
        .isZero();
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM transaction t JOIN payment p USING (transaction_id)"
                    + " WHERE t.created_at > '"
                    + before
                    + "' AND p.created_at <> t.created_at"))
        .isZero();
  }

  @Test
  void theSameSeedMakesTheSameChanges() throws SQLException {
    try (TestDatabase twin = PostgresServer.shared().createDatabase("twin");
        Connection connection = twin.connect()) {
      seed(connection);
      SimulateResult again = new Simulator().simulate(connection, new SimulateOptions(60, 5));
      assertThat(again.changes()).isEqualTo(result.changes());
      String withoutClock =
          "(t.sales_order_id, t.design_id, t.staff_id, t.counterparty_id, t.units_sold,"
              + " t.unit_price, t.currency_id, t.agreed_delivery_location_id)::text";
      assertThat(Fingerprint.of(twin, "sales_order", withoutClock))
          .isEqualTo(Fingerprint.of(db, "sales_order", withoutClock));
    }
  }

  @Test
  void aShortRunDrawsItsChangesFromTheMix() throws SQLException {
    try (TestDatabase small = PostgresServer.shared().createDatabase("short");
        Connection connection = small.connect()) {
      seed(connection);
      connection.setAutoCommit(false);
      SimulateResult few = new Simulator().simulate(connection, new SimulateOptions(8, 99));
      assertThat(few.total()).isEqualTo(8);
      assertThat(
              small.queryLong(
                  "SELECT count(*) FROM sales_order WHERE created_at > '" + before + "'"))
          .isEqualTo(few.count(ChangeKind.NEW_SALES_ORDER));
    }
  }

  /**
   * Given a clock, the simulator stamps every change with it (here a fixed test clock), not with
   * the database's, continuing a history seeded up to the clock's day.
   */
  @Test
  void aSimulatorGivenAClockStampsItsChangesWithIt() throws SQLException {
    Clock clock = TestClock.fixed();
    LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate yesterday = now.toLocalDate().minusDays(1);
    try (TestDatabase today = PostgresServer.shared().createDatabase("clocked");
        Connection connection = today.connect()) {
      TotesysSchema.create(connection);
      new Seeder().seed(connection, new SeedOptions(0.02, 11).endingOn(yesterday));
      String seeded = today.queryString("SELECT max(last_updated)::text FROM payment");

      SimulateResult made = new Simulator(clock).simulate(connection, new SimulateOptions(40, 5));

      String stamp = now.truncatedTo(ChronoUnit.MILLIS).toString().replace('T', ' ');
      assertThat(seeded).isLessThan(stamp);
      assertThat(seeded.substring(0, 10))
          .as("the history's last week")
          .isBetween(yesterday.minusDays(6).toString(), yesterday.toString());
      long stamped = 0;
      for (String table : TotesysSchema.tables()) {
        String from = " FROM " + TotesysSchema.quoted(table) + " WHERE last_updated > '" + seeded;
        assertThat(
                today.queryLong("SELECT count(*)" + from + "' AND last_updated <> '" + stamp + "'"))
            .as(table)
            .isZero();
        stamped += today.queryLong("SELECT count(*)" + from + "'");
      }
      assertThat(stamped).isGreaterThanOrEqualTo(made.total());
      assertThat(
              today.queryLong(
                  "SELECT count(*) FROM sales_order WHERE created_at = '"
                      + stamp
                      + "' AND agreed_payment_date::date >= '"
                      + now.toLocalDate()
                      + "'"))
          .isEqualTo(made.count(ChangeKind.NEW_SALES_ORDER))
          .isPositive();
    }
  }

  private static long changed(String table, String column) {
    return db.queryLong(
        "SELECT count(*) FROM "
            + TotesysSchema.quoted(table)
            + " WHERE "
            + column
            + " > '"
            + before
            + "'");
  }

  private static long amended(String table) {
    return db.queryLong(
        "SELECT count(*) FROM "
            + table
            + " WHERE last_updated > '"
            + before
            + "' AND created_at <= '"
            + before
            + "'");
  }
}
