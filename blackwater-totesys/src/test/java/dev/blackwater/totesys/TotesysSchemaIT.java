package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TotesysSchemaIT {

  /** The source's columns, written out from the published DDL (not read from our resource). */
  private static final String EXPECTED_COLUMNS =
      """
          address.address_id 1 integer not null identity by default
          address.address_line_1 2 character varying not null
          address.address_line_2 3 character varying null
          address.district 4 character varying null
          address.city 5 character varying not null
          address.postal_code 6 character varying not null
          address.country 7 character varying not null
          address.phone 8 character varying not null
          address.created_at 9 timestamp without time zone not null default current_timestamp
          address.last_updated 10 timestamp without time zone not null default current_timestamp
          counterparty.counterparty_id 1 integer not null identity by default
          counterparty.counterparty_legal_name 2 character varying not null
          counterparty.legal_address_id 3 integer not null
          counterparty.commercial_contact 4 character varying null
          counterparty.delivery_contact 5 character varying null
          counterparty.created_at 6 timestamp without time zone not null default current_timestamp
          counterparty.last_updated 7 timestamp without time zone not null default current_timestamp
          currency.currency_id 1 integer not null identity by default
          currency.currency_code 2 character varying(3) not null
          currency.created_at 3 timestamp without time zone not null default current_timestamp
          currency.last_updated 4 timestamp without time zone not null default current_timestamp
          department.department_id 1 integer not null identity by default
          department.department_name 2 character varying not null
          department.location 3 character varying null
          department.manager 4 character varying null
          department.created_at 5 timestamp without time zone not null default current_timestamp
          department.last_updated 6 timestamp without time zone not null default current_timestamp
          design.design_id 1 integer not null identity by default
          design.created_at 2 timestamp without time zone not null default current_timestamp
          design.design_name 3 character varying not null
          design.file_location 4 character varying not null
          design.file_name 5 character varying not null
          design.last_updated 6 timestamp without time zone not null default current_timestamp
          staff.staff_id 1 integer not null identity by default
          staff.first_name 2 character varying not null
          staff.last_name 3 character varying not null
          staff.department_id 4 integer not null
          staff.email_address 5 character varying not null
          staff.created_at 6 timestamp without time zone not null default current_timestamp
          staff.last_updated 7 timestamp without time zone not null default current_timestamp
          sales_order.sales_order_id 1 integer not null identity by default
          sales_order.created_at 2 timestamp without time zone not null default current_timestamp
          sales_order.last_updated 3 timestamp without time zone not null default current_timestamp
          sales_order.design_id 4 integer not null
          sales_order.staff_id 5 integer not null
          sales_order.counterparty_id 6 integer not null
          sales_order.units_sold 7 integer not null
          sales_order.unit_price 8 numeric not null
          sales_order.currency_id 9 integer not null
          sales_order.agreed_delivery_date 10 character varying not null
          sales_order.agreed_payment_date 11 character varying not null
          sales_order.agreed_delivery_location_id 12 integer not null
          purchase_order.purchase_order_id 1 integer not null identity by default
          purchase_order.created_at 2 timestamp without time zone not null default current_timestamp
          purchase_order.last_updated 3 timestamp without time zone not null default current_timestamp
          purchase_order.staff_id 4 integer not null
          purchase_order.counterparty_id 5 integer not null
          purchase_order.item_code 6 character varying not null
          purchase_order.item_quantity 7 integer not null
          purchase_order.item_unit_price 8 numeric not null
          purchase_order.currency_id 9 integer not null
          purchase_order.agreed_delivery_date 10 character varying not null
          purchase_order.agreed_payment_date 11 character varying not null
          purchase_order.agreed_delivery_location_id 12 integer not null
          payment_type.payment_type_id 1 integer not null identity by default
          payment_type.payment_type_name 2 character varying not null
          payment_type.created_at 3 timestamp without time zone not null default current_timestamp
          payment_type.last_updated 4 timestamp without time zone not null default current_timestamp
          transaction.transaction_id 1 integer not null identity by default
          transaction.transaction_type 2 character varying not null
          transaction.sales_order_id 3 integer null
          transaction.purchase_order_id 4 integer null
          transaction.created_at 5 timestamp without time zone not null default current_timestamp
          transaction.last_updated 6 timestamp without time zone not null default current_timestamp
          payment.payment_id 1 integer not null identity by default
          payment.created_at 2 timestamp without time zone not null default current_timestamp
          payment.last_updated 3 timestamp without time zone not null default current_timestamp
          payment.transaction_id 4 integer not null
          payment.counterparty_id 5 integer not null
          payment.payment_amount 6 numeric not null
          payment.currency_id 7 integer not null
          payment.payment_type_id 8 integer not null
          payment.paid 9 boolean not null
          payment.payment_date 10 character varying not null
          payment.company_ac_number 11 integer not null
          payment.counterparty_ac_number 12 integer not null
      """;

  private static final String EXPECTED_KEYS =
      """
          address PRIMARY KEY (address_id)
          counterparty PRIMARY KEY (counterparty_id)
          counterparty FOREIGN KEY (legal_address_id) REFERENCES address(address_id)
          currency PRIMARY KEY (currency_id)
          department PRIMARY KEY (department_id)
          design PRIMARY KEY (design_id)
          staff PRIMARY KEY (staff_id)
          staff FOREIGN KEY (department_id) REFERENCES department(department_id)
          sales_order PRIMARY KEY (sales_order_id)
          sales_order FOREIGN KEY (design_id) REFERENCES design(design_id)
          sales_order FOREIGN KEY (staff_id) REFERENCES staff(staff_id)
          sales_order FOREIGN KEY (counterparty_id) REFERENCES counterparty(counterparty_id)
          sales_order FOREIGN KEY (currency_id) REFERENCES currency(currency_id)
          sales_order FOREIGN KEY (agreed_delivery_location_id) REFERENCES address(address_id)
          purchase_order PRIMARY KEY (purchase_order_id)
          purchase_order FOREIGN KEY (staff_id) REFERENCES staff(staff_id)
          purchase_order FOREIGN KEY (counterparty_id) REFERENCES counterparty(counterparty_id)
          purchase_order FOREIGN KEY (currency_id) REFERENCES currency(currency_id)
          purchase_order FOREIGN KEY (agreed_delivery_location_id) REFERENCES address(address_id)
          payment_type PRIMARY KEY (payment_type_id)
          transaction PRIMARY KEY (transaction_id)
          transaction FOREIGN KEY (sales_order_id) REFERENCES sales_order(sales_order_id)
          transaction FOREIGN KEY (purchase_order_id) REFERENCES purchase_order(purchase_order_id)
          payment PRIMARY KEY (payment_id)
          payment FOREIGN KEY (transaction_id) REFERENCES transaction(transaction_id)
          payment FOREIGN KEY (counterparty_id) REFERENCES counterparty(counterparty_id)
          payment FOREIGN KEY (currency_id) REFERENCES currency(currency_id)
          payment FOREIGN KEY (payment_type_id) REFERENCES payment_type(payment_type_id)
      """;

  private static final String COLUMNS =
      """
      SELECT table_name || '.' || column_name || ' ' || ordinal_position || ' ' || data_type
             || coalesce('(' || character_maximum_length || ')', '')
             || CASE is_nullable WHEN 'NO' THEN ' not null' ELSE ' null' END
             || CASE WHEN is_identity = 'YES' THEN ' identity ' || lower(identity_generation)
                     ELSE '' END
             || coalesce(' default ' || lower(column_default), '')
        FROM information_schema.columns
       WHERE table_schema = current_schema()
      """;

  private static final String KEYS =
      """
      SELECT conrelid::regclass::text || ' ' || pg_get_constraintdef(oid)
        FROM pg_constraint
       WHERE contype IN ('p', 'f', 'u', 'c') AND connamespace = current_schema()::regnamespace
      """;

  private static TestDatabase db;

  @BeforeAll
  static void createSchema(TestDatabase database) throws SQLException {
    db = database;
    try (Connection connection = db.connect()) {
      assertThat(TotesysSchema.exists(connection)).isFalse();
      TotesysSchema.create(connection);
      assertThat(connection.getAutoCommit()).isTrue();
      assertThat(TotesysSchema.exists(connection)).isTrue();
    }
  }

  @Test
  void columnsMatchTheSourceColumnForColumn() throws SQLException {
    assertThat(strings(db, COLUMNS)).containsExactlyInAnyOrderElementsOf(lines(EXPECTED_COLUMNS));
  }

  @Test
  void keysMatchTheSource() throws SQLException {
    assertThat(strings(db, KEYS)).containsExactlyInAnyOrderElementsOf(lines(EXPECTED_KEYS));
  }

  @Test
  void tablesAreListedInForeignKeyOrder() throws SQLException {
    List<String> tables = TotesysSchema.tables();
    assertThat(tables).hasSize(11).doesNotHaveDuplicates();
    for (String edge :
        strings(
            db,
            "SELECT conrelid::regclass::text || ' ' || confrelid::regclass::text"
                + " FROM pg_constraint WHERE contype = 'f'")) {
      String[] parts = edge.split(" ");
      assertThat(tables.indexOf(parts[1])).as(edge).isLessThan(tables.indexOf(parts[0]));
    }
  }

  @Test
  void tableNamesAreQuotedWithTheirDoubleQuotesDoubled() {
    assertThat(TotesysSchema.quoted("transaction")).isEqualTo("\"transaction\"");
    assertThat(TotesysSchema.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
  }

  @Test
  void createTwiceFailsNamingTheTablesAndChangesNothing() throws SQLException {
    List<String> before = strings(db, COLUMNS);
    try (Connection connection = db.connect()) {
      assertThatThrownBy(() -> TotesysSchema.create(connection))
          .isInstanceOfSatisfying(
              TotesysException.class,
              e -> assertThat(e.kind()).isEqualTo(TotesysException.Kind.SCHEMA_EXISTS))
          .hasMessageContainingAll(TotesysSchema.tables().toArray(String[]::new));
      assertThat(connection.getAutoCommit()).isTrue();
    }
    assertThat(strings(db, COLUMNS)).isEqualTo(before);
  }

  @Test
  void oneExistingTableStopsTheWholeCreate() throws SQLException {
    try (TestDatabase other = PostgresServer.shared().createDatabase("partial");
        Connection connection = other.connect()) {
      other.execute("CREATE TABLE staff (note text)");
      assertThat(TotesysSchema.exists(connection)).isFalse();
      assertThatThrownBy(() -> TotesysSchema.create(connection))
          .isInstanceOf(TotesysException.class)
          .hasMessageContaining("staff")
          .hasMessageNotContaining("address");
      assertThat(
              other.queryLong(
                  "SELECT count(*) FROM information_schema.tables"
                      + " WHERE table_schema = current_schema()"))
          .isEqualTo(1);
    }
  }

  @Test
  void createCommitsOnAConnectionOutsideAutoCommit() throws SQLException {
    try (TestDatabase other = PostgresServer.shared().createDatabase("manual");
        Connection connection = other.connect()) {
      connection.setAutoCommit(false);
      TotesysSchema.create(connection);
      assertThat(connection.getAutoCommit()).isFalse();
      try (Connection fresh = other.connect()) {
        assertThat(TotesysSchema.exists(fresh)).isTrue();
      }
    }
  }

  @Test
  void ddlIsTheShippedResource() {
    assertThat(TotesysSchema.ddl()).contains("CREATE TABLE payment (").contains("varchar(3)");
  }

  private static List<String> lines(String block) {
    return block.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }

  static List<String> strings(TestDatabase db, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
