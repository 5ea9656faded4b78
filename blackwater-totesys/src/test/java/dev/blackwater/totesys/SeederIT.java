package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seeds scale 1 once and checks sizes, integrity and the shape of the values. */
@ExtendWith(PostgresExtension.class)
class SeederIT {

  private static final Map<String, Long> SCALE_ONE = new LinkedHashMap<>();

  static {
    SCALE_ONE.put("address", 30L);
    SCALE_ONE.put("currency", 3L);
    SCALE_ONE.put("department", 8L);
    SCALE_ONE.put("design", 473L);
    SCALE_ONE.put("payment_type", 4L);
    SCALE_ONE.put("counterparty", 20L);
    SCALE_ONE.put("staff", 20L);
    SCALE_ONE.put("sales_order", 11_187L);
    SCALE_ONE.put("purchase_order", 4_649L);
    SCALE_ONE.put("transaction", 15_836L);
    SCALE_ONE.put("payment", 15_836L);
  }

  private static TestDatabase db;
  private static SeedResult result;

  @BeforeAll
  static void seed(TestDatabase database) throws SQLException {
    db = database;
    try (Connection connection = db.connect()) {
      TotesysSchema.create(connection);
      result = new Seeder().seed(connection, new SeedOptions(1, 2024));
      assertThat(connection.getAutoCommit()).isTrue();
    }
  }

  @Test
  void scaleOneHasTheSnapshotsSizes() {
    assertThat(result.rows()).containsExactlyEntriesOf(SCALE_ONE);
    assertThat(result.totalRows()).isEqualTo(48_066);
    assertThat(result.duration()).isPositive();
    for (Map.Entry<String, Long> table : SCALE_ONE.entrySet()) {
      assertThat(count("SELECT count(*) FROM " + TotesysSchema.quoted(table.getKey())))
          .as(table.getKey())
          .isEqualTo(table.getValue());
    }
  }

  @Test
  void ordersTransactionsAndPaymentsAreOneToOne() {
    assertThat(
            count(
                "SELECT count(*) FROM transaction WHERE (sales_order_id IS NULL)"
                    + " = (purchase_order_id IS NULL)"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM transaction WHERE transaction_type <> CASE WHEN"
                    + " sales_order_id IS NULL THEN 'PURCHASE' ELSE 'SALE' END"))
        .isZero();
    assertThat(count("SELECT count(DISTINCT sales_order_id) FROM transaction")).isEqualTo(11_187);
    assertThat(count("SELECT count(DISTINCT purchase_order_id) FROM transaction")).isEqualTo(4_649);
    assertThat(count("SELECT count(DISTINCT transaction_id) FROM payment")).isEqualTo(15_836);
  }

  @Test
  void paymentsMatchTheirOrders() {
    assertThat(
            count(
                """
                SELECT count(*) FROM payment p
                  JOIN transaction t USING (transaction_id)
                  JOIN sales_order o USING (sales_order_id)
                  JOIN payment_type pt USING (payment_type_id)
                 WHERE p.payment_amount <> o.units_sold * o.unit_price
                    OR p.counterparty_id <> o.counterparty_id
                    OR p.currency_id <> o.currency_id
                    OR pt.payment_type_name <> 'SALES_RECEIPT'
                    OR p.created_at <> o.created_at OR t.created_at <> o.created_at
                """))
        .isZero();
    assertThat(
            count(
                """
                SELECT count(*) FROM payment p
                  JOIN transaction t USING (transaction_id)
                  JOIN purchase_order o USING (purchase_order_id)
                  JOIN payment_type pt USING (payment_type_id)
                 WHERE p.payment_amount <> o.item_quantity * o.item_unit_price
                    OR p.counterparty_id <> o.counterparty_id
                    OR p.currency_id <> o.currency_id
                    OR pt.payment_type_name <> 'PURCHASE_PAYMENT'
                    OR p.created_at <> o.created_at OR t.created_at <> o.created_at
                """))
        .isZero();
  }

  @Test
  void foreignKeysAreInPlaceAfterTheLoad() {
    assertThat(count("SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).isEqualTo(17);
    assertThat(count("SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND NOT convalidated"))
        .isZero();
  }

  @Test
  void identitiesContinueAfterTheLoadedIds() throws SQLException {
    try (Connection connection = db.connect()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "INSERT INTO currency (currency_code) VALUES ('CHF') RETURNING currency_id")) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(4);
      } finally {
        connection.rollback();
      }
    }
  }

  @Test
  void addressesLookReal() {
    assertThat(count("SELECT count(DISTINCT country) FROM address")).isEqualTo(29);
    assertThat(count("SELECT count(*) FROM address WHERE district IS NULL")).isPositive();
    assertThat(count("SELECT count(*) FROM address WHERE address_line_2 IS NULL")).isPositive();
    assertThat(count("SELECT count(*) FROM address WHERE address_line_2 IS NOT NULL")).isPositive();
    assertThat(count("SELECT count(*) FROM address WHERE phone !~ '^[0-9]{4} [0-9]{6}$'")).isZero();
    assertThat(count("SELECT count(*) FROM address WHERE city ~ '[^\\x01-\\x7F]'")).isPositive();
  }

  @Test
  void namesHaveApostrophesCommasAndAccents() {
    assertThat(count("SELECT count(*) FROM staff WHERE last_name LIKE '%''%'")).isPositive();
    assertThat(count("SELECT count(*) FROM counterparty WHERE counterparty_legal_name LIKE '%,%'"))
        .isPositive();
    assertThat(
            count(
                "SELECT count(*) FROM counterparty"
                    + " WHERE commercial_contact || delivery_contact ~ '[^\\x01-\\x7F]'"))
        .isPositive();
    assertThat(
            count(
                "SELECT count(*) FROM staff WHERE email_address"
                    + " !~ '^[a-z'']+\\.[a-z'']+@terrifictotes\\.com$'"
                    + " OR email_address <> lower(first_name || '.' || last_name)"
                    + " || '@terrifictotes.com'"))
        .isZero();
  }

  @Test
  void lookupTablesHoldTheKnownValues() {
    assertThat(strings("currency_code", "currency", "currency_id")).isEqualTo("GBP,USD,EUR");
    assertThat(strings("payment_type_name", "payment_type", "payment_type_id"))
        .isEqualTo("SALES_RECEIPT,SALES_REFUND,PURCHASE_PAYMENT,PURCHASE_REFUND");
    assertThat(strings("department_name", "department", "department_id"))
        .isEqualTo("Sales,Purchasing,Production,Dispatch,Finance,Facilities,Communications,HR");
    assertThat(count("SELECT count(*) FROM department WHERE location IS NULL OR manager IS NULL"))
        .isZero();
  }

  @Test
  void designsLookReal() {
    assertThat(
            count(
                "SELECT count(*) FROM design WHERE file_name"
                    + " !~ ('^' || lower(design_name) || '-20[0-9]{6}-[a-z0-9]{4}\\.json$')"
                    + " OR file_location !~ '^/'"))
        .isZero();
    assertThat(count("SELECT count(DISTINCT design_name) FROM design")).isGreaterThan(10);
    assertThat(
            count(
                "SELECT count(*) FROM sales_order o JOIN design d USING (design_id)"
                    + " WHERE d.created_at > o.created_at"))
        .isZero();
  }

  @Test
  void orderValuesAreInTheSnapshotsRanges() {
    assertThat(
            count(
                "SELECT count(*) FROM sales_order WHERE unit_price NOT BETWEEN 2 AND 4"
                    + " OR scale(unit_price) <> 2 OR units_sold NOT BETWEEN 1000 AND 100000"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM purchase_order WHERE item_code !~ '^[A-Z0-9]{7}$'"
                    + " OR item_quantity NOT BETWEEN 1 AND 999"
                    + " OR item_unit_price NOT BETWEEN 1 AND 1000"))
        .isZero();
    assertThat(
            count(
                "SELECT count(*) FROM payment WHERE company_ac_number NOT BETWEEN 10000000 AND"
                    + " 99999999 OR counterparty_ac_number NOT BETWEEN 10000000 AND 99999999"))
        .isZero();
  }

  @Test
  void agreedAndPaymentDatesAreTextDatesAfterCreation() {
    for (String check :
        new String[] {
          "SELECT count(*) FROM sales_order WHERE agreed_delivery_date !~ '^\\d{4}-\\d{2}-\\d{2}$'"
              + " OR agreed_delivery_date::date NOT BETWEEN created_at::date"
              + " AND created_at::date + 700 OR agreed_payment_date::date"
              + " NOT BETWEEN created_at::date AND created_at::date + 6",
          "SELECT count(*) FROM purchase_order WHERE agreed_payment_date !~ '^\\d{4}-\\d{2}-\\d{2}$'"
              + " OR agreed_delivery_date::date NOT BETWEEN created_at::date"
              + " AND created_at::date + 700 OR agreed_payment_date::date"
              + " NOT BETWEEN created_at::date AND created_at::date + 6",
          "SELECT count(*) FROM payment WHERE payment_date !~ '^\\d{4}-\\d{2}-\\d{2}$'"
              + " OR payment_date::date NOT BETWEEN created_at::date AND created_at::date + 6"
        }) {
      assertThat(count(check)).as(check).isZero();
    }
    assertThat(
            count(
                "SELECT count(*) FROM sales_order"
                    + " WHERE agreed_delivery_date::date > created_at::date + 30"))
        .isPositive();
  }

  @Test
  void ordersAreCreatedOnWeekdaysInOfficeHoursOverTwoYears() {
    for (String table : new String[] {"sales_order", "purchase_order", "transaction", "payment"}) {
      assertThat(
              count(
                  "SELECT count(*) FROM "
                      + table
                      + " WHERE extract(isodow FROM created_at) > 5"
                      + " OR extract(hour FROM created_at) NOT BETWEEN 8 AND 18"
                      + " OR created_at NOT BETWEEN '2022-11-07 08:00' AND '2024-11-15 19:00'"
                      + " OR date_trunc('milliseconds', created_at) <> created_at"))
          .as(table)
          .isZero();
    }
    assertThat(count("SELECT count(DISTINCT extract(milliseconds FROM created_at)) FROM payment"))
        .isGreaterThan(1000);
    assertThat(count("SELECT count(DISTINCT created_at::date) FROM sales_order")).isEqualTo(530);
    assertThat(
            count(
                "SELECT count(*) FROM sales_order o1 JOIN sales_order o2"
                    + " ON o2.sales_order_id = o1.sales_order_id + 1"
                    + " WHERE o2.created_at < o1.created_at"))
        .isZero();
  }

  @Test
  void lookupRowsAreOlderThanAnyOrder() {
    for (String table : new String[] {"address", "currency", "department", "staff"}) {
      assertThat(
              count(
                  "SELECT count(*) FROM "
                      + table
                      + " WHERE created_at >= (SELECT min(created_at) FROM sales_order)"
                      + " OR last_updated <> created_at"))
          .as(table)
          .isZero();
    }
  }

  @Test
  void aboutSixtyPercentOfPaymentsArePaidLater() {
    double paid = count("SELECT count(*) FROM payment WHERE paid") / 15_836.0;
    assertThat(paid).isCloseTo(0.60, within(0.03));
    assertThat(count("SELECT count(*) FROM payment WHERE paid AND last_updated <= created_at"))
        .isZero();
    assertThat(count("SELECT count(*) FROM payment WHERE NOT paid AND last_updated <> created_at"))
        .isZero();
    assertThat(count("SELECT count(*) FROM payment WHERE last_updated > '2024-11-15 19:00'"))
        .isZero();
    for (String table : new String[] {"sales_order", "purchase_order", "transaction"}) {
      assertThat(count("SELECT count(*) FROM " + table + " WHERE last_updated <> created_at"))
          .isZero();
    }
  }

  @Test
  void seedingAgainIsRefusedAndChangesNothing() throws SQLException {
    try (Connection connection = db.connect()) {
      assertThatThrownBy(() -> new Seeder().seed(connection, new SeedOptions(0.01, 1)))
          .isInstanceOfSatisfying(
              TotesysException.class,
              e -> assertThat(e.kind()).isEqualTo(TotesysException.Kind.SCHEMA_EXISTS))
          .hasMessageContaining("already holds rows in address, currency")
          .hasMessageContaining("payment");
      assertThat(connection.getAutoCommit()).isTrue();
    }
    assertThat(count("SELECT count(*) FROM sales_order")).isEqualTo(11_187);
    assertThat(count("SELECT count(*) FROM pg_constraint WHERE contype = 'f'")).isEqualTo(17);
  }

  private static long count(String sql) {
    return db.queryLong(sql);
  }

  private static String strings(String column, String table, String order) {
    return db.queryString(
        "SELECT string_agg(" + column + ", ',' ORDER BY " + order + ") FROM " + table);
  }
}
