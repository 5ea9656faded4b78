package dev.blackwater.cli.dashboard;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.warehouse.WarehouseSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Time;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small, realistic warehouse for the dashboard tests: 14 whole months of sales orders, purchase
 * orders and payments in three currencies that end with the month before last of the day it is
 * filled "as of" (a source that has been quiet for a month or two since), ten delivery places in
 * six countries, eight staff in four departments, older versions of some facts (amended orders,
 * payments flipped to paid), two designs that share a name, and a design and a city whose names try
 * to break out of the page. Built in Java, so a test can compute what each view should return
 * without SQL.
 */
final class SampleWarehouse {

  static final String HOSTILE_DESIGN =
      "Tote \"Deluxe\" </script><script>document.title='pwned'</script>";
  static final String HOSTILE_CITY =
      "Saint-Jean-d'Angély <img src=x onerror=\"document.title='pwned'\">";
  static final List<String> CURRENCIES = List.of("GBP", "USD", "EUR");

  record Staff(int id, String firstName, String lastName, String department) {
    String name() {
      return firstName + " " + lastName;
    }
  }

  record Location(int id, String city, String country) {}

  record Sale(
      int orderId,
      LocalDate created,
      Staff staff,
      Location location,
      int design,
      String currency,
      int units,
      BigDecimal unitPrice,
      LocalDateTime lastUpdated) {
    BigDecimal value() {
      return unitPrice.multiply(BigDecimal.valueOf(units));
    }
  }

  record Purchase(
      int orderId,
      LocalDate created,
      String currency,
      int quantity,
      BigDecimal unitPrice,
      LocalDateTime lastUpdated) {
    BigDecimal value() {
      return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
  }

  record Payment(
      int paymentId,
      LocalDate paymentDate,
      String type,
      String currency,
      BigDecimal amount,
      boolean paid,
      LocalDateTime lastUpdated) {}

  static final List<Staff> STAFF =
      List.of(
          new Staff(1, "Jeremie", "Franey", "Sales"),
          new Staff(2, "Deron", "Beier", "Sales"),
          new Staff(3, "Jeanette", "Erdman", "Dispatch"),
          new Staff(4, "Ana", "Glover", "Dispatch"),
          new Staff(5, "Magdalena", "Zieme", "Finance"),
          new Staff(6, "Korey", "Kreiger", "Production"),
          new Staff(7, "Raphael", "Rippin", "Production"),
          new Staff(8, "Oswaldo", "Bergstrom", "Sales"));

  static final List<Location> LOCATIONS =
      List.of(
          new Location(1, "London", "United Kingdom"),
          new Location(2, "Manchester", "United Kingdom"),
          new Location(3, HOSTILE_CITY, "France"),
          new Location(4, "Lyon", "France"),
          new Location(5, "Berlin", "Germany"),
          new Location(6, "Munich", "Germany"),
          new Location(7, "New York", "United States"),
          new Location(8, "Austin", "United States"),
          new Location(9, "Madrid", "Spain"),
          new Location(10, "Dublin", "Ireland"));

  static final Map<Integer, String> DESIGNS =
      Map.ofEntries(
          Map.entry(1, HOSTILE_DESIGN),
          Map.entry(2, "Wooden"),
          Map.entry(3, "Granite"),
          Map.entry(4, "Bronze"),
          Map.entry(5, "Soft"),
          Map.entry(6, "Fresh"),
          Map.entry(7, "Steel"),
          Map.entry(8, "Cotton"),
          Map.entry(9, "Plastic"),
          Map.entry(10, "Frozen"),
          Map.entry(11, "Rubber"),
          Map.entry(12, "Granite"));

  /** Designs 3 and 12 are both called this: two designs, one name. */
  static final String SHARED_DESIGN_NAME = "Granite";

  /**
   * How long, at least, the sample's source has been quiet on the day it is filled as of: its
   * newest change is at most two days into the month before it (an order's last update).
   */
  static final int QUIET_DAYS = 25;

  /** The first day of the 14 months the facts fall on. */
  private final LocalDate firstDay;

  /** How many days the facts fall on. */
  private final int days;

  /** The current version of every fact. */
  final List<Sale> sales = new ArrayList<>();

  final List<Purchase> purchases = new ArrayList<>();
  final List<Payment> payments = new ArrayList<>();

  /** Older versions, superseded by the current ones. */
  int olderSales;

  int olderPurchases;
  int olderPayments;

  private final Random random = new Random(20240101);

  private SampleWarehouse(LocalDate today) {
    YearMonth last = YearMonth.from(today).minusMonths(2);
    this.firstDay = last.minusMonths(13).atDay(1);
    this.days = (int) ChronoUnit.DAYS.between(firstDay, last.atEndOfMonth()) + 1;
  }

  /**
   * Migrates {@code schema} of {@code db} and fills it as of {@code today}: the facts fall on the
   * 14 whole months that end with the month before last, so that its newest change is over {@value
   * #QUIET_DAYS} days old.
   */
  static SampleWarehouse fill(TestDatabase db, String schema, LocalDate today) {
    new WarehouseSchema(config(db), schema).migrate();
    SampleWarehouse warehouse = new SampleWarehouse(today);
    try (Connection c = db.connect()) {
      c.setSchema(schema);
      c.setAutoCommit(false);
      warehouse.insertDimensions(c);
      warehouse.insertSales(c);
      warehouse.insertPurchases(c);
      warehouse.insertPayments(c);
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot fill the sample warehouse", e);
    }
    return warehouse;
  }

  static DatabaseConfig config(TestDatabase db) {
    return new DatabaseConfig("warehouse", db.jdbcUrl(), db.user(), db.password());
  }

  /** The newest last_updated of any version of any fact. */
  LocalDateTime newestUpdate() {
    List<LocalDateTime> all = new ArrayList<>();
    sales.forEach(s -> all.add(s.lastUpdated()));
    purchases.forEach(p -> all.add(p.lastUpdated()));
    payments.forEach(p -> all.add(p.lastUpdated()));
    return all.stream().max(LocalDateTime::compareTo).orElseThrow();
  }

  private void insertDimensions(Connection c) throws SQLException {
    try (PreparedStatement dates =
        c.prepareStatement(
            """
            INSERT INTO dim_date
            SELECT d::date, extract(year FROM d), extract(month FROM d), extract(day FROM d),
                   extract(isodow FROM d), to_char(d, 'FMDay'), to_char(d, 'FMMonth'),
                   extract(quarter FROM d)
            FROM generate_series(?::date, ?::date, interval '1 day') d""")) {
      dates.setObject(1, firstDay.minusDays(30));
      dates.setObject(2, firstDay.plusDays(days + 60L));
      dates.execute();
    }
    try (Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO dim_currency VALUES (1, 'GBP', 'British pound'), (2, 'USD', 'US dollar'),"
              + " (3, 'EUR', 'Euro')");
      s.execute(
          "INSERT INTO dim_payment_type VALUES (1, 'SALES_RECEIPT'), (2, 'SALES_REFUND'),"
              + " (3, 'PURCHASE_PAYMENT')");
    }
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO dim_staff VALUES (?, ?, ?, ?, 'Leeds', ?)")) {
      for (Staff staff : STAFF) {
        s.setInt(1, staff.id());
        s.setString(2, staff.firstName());
        s.setString(3, staff.lastName());
        s.setString(4, staff.department());
        s.setString(5, staff.firstName().toLowerCase(java.util.Locale.ROOT) + "@terrifictotes.com");
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO dim_location VALUES (?, ?, NULL, NULL, ?, 'AB1 2CD', ?, '0113 496 0000')")) {
      for (Location l : LOCATIONS) {
        s.setInt(1, l.id());
        s.setString(2, l.id() + " High Street");
        s.setString(3, l.city());
        s.setString(4, l.country());
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s =
        c.prepareStatement("INSERT INTO dim_design VALUES (?, ?, '/designs', ?)")) {
      for (Map.Entry<Integer, String> d : DESIGNS.entrySet()) {
        s.setInt(1, d.getKey());
        s.setString(2, d.getValue());
        s.setString(3, "design-" + d.getKey() + ".jpg");
        s.addBatch();
      }
      s.executeBatch();
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO dim_counterparty VALUES"
                + " (?, ?, '1 Dock Road', NULL, NULL, 'Hull', 'HU1 1AA', 'United Kingdom', '01482')")) {
      for (int id = 1; id <= 4; id++) {
        s.setInt(1, id);
        s.setString(2, "Counterparty " + id + " Ltd");
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  private void insertSales(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO fact_sales_order (sales_order_id, created_date, created_time,"
                + " last_updated_date, last_updated_time, sales_staff_id, counterparty_id,"
                + " units_sold, unit_price, currency_id, design_id, agreed_payment_date,"
                + " agreed_delivery_date, agreed_delivery_location_id)"
                + " VALUES (?, ?, '08:00', ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= 300; id++) {
        LocalDate created = firstDay.plusDays(random.nextInt(days));
        String currency = currency(id);
        int design = id % 7 == 0 ? 1 : 2 + random.nextInt(11);
        int units = design == 1 ? 500 + random.nextInt(500) : 10 + random.nextInt(400);
        Sale sale =
            new Sale(
                id,
                created,
                STAFF.get(random.nextInt(STAFF.size())),
                LOCATIONS.get(random.nextInt(LOCATIONS.size())),
                design,
                currency,
                units,
                BigDecimal.valueOf(200 + random.nextInt(400), 2),
                created
                    .plusDays(random.nextInt(3))
                    .atTime(9 + random.nextInt(8), random.nextInt(60)));
        if (id % 4 == 0) {
          Sale older =
              new Sale(
                  id,
                  created,
                  sale.staff(),
                  LOCATIONS.get(0),
                  2,
                  currency,
                  units + 100,
                  sale.unitPrice().add(BigDecimal.ONE),
                  created.atTime(8, 30));
          addSale(s, older);
          olderSales++;
        }
        addSale(s, sale);
        sales.add(sale);
      }
      s.executeBatch();
    }
  }

  private static void addSale(PreparedStatement s, Sale sale) throws SQLException {
    s.setInt(1, sale.orderId());
    s.setDate(2, Date.valueOf(sale.created()));
    s.setDate(3, Date.valueOf(sale.lastUpdated().toLocalDate()));
    s.setTime(4, Time.valueOf(sale.lastUpdated().toLocalTime()));
    s.setInt(5, sale.staff().id());
    s.setInt(6, sale.units());
    s.setBigDecimal(7, sale.unitPrice());
    s.setInt(8, CURRENCIES.indexOf(sale.currency()) + 1);
    s.setInt(9, sale.design());
    s.setDate(10, Date.valueOf(sale.created().plusDays(30)));
    s.setDate(11, Date.valueOf(sale.created().plusDays(14)));
    s.setInt(12, sale.location().id());
    s.addBatch();
  }

  private void insertPurchases(Connection c) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO fact_purchase_order (purchase_order_id, created_date, created_time,"
                + " last_updated_date, last_updated_time, staff_id, counterparty_id, item_code,"
                + " item_quantity, item_unit_price, currency_id, agreed_delivery_date,"
                + " agreed_payment_date, agreed_delivery_location_id)"
                + " VALUES (?, ?, '08:00', ?, ?, 6, 2, ?, ?, ?, ?, ?, ?, 1)")) {
      for (int id = 1; id <= 120; id++) {
        LocalDate created = firstDay.plusDays(random.nextInt(days));
        Purchase purchase =
            new Purchase(
                id,
                created,
                currency(id),
                50 + random.nextInt(950),
                BigDecimal.valueOf(100 + random.nextInt(400), 2),
                created.atTime(10 + random.nextInt(6), random.nextInt(60)));
        if (id % 5 == 0) {
          addPurchase(
              s,
              new Purchase(
                  id,
                  created,
                  purchase.currency(),
                  purchase.quantity() * 2,
                  purchase.unitPrice(),
                  created.atTime(9, 0)));
          olderPurchases++;
        }
        addPurchase(s, purchase);
        purchases.add(purchase);
      }
      s.executeBatch();
    }
  }

  private static void addPurchase(PreparedStatement s, Purchase p) throws SQLException {
    s.setInt(1, p.orderId());
    s.setDate(2, Date.valueOf(p.created()));
    s.setDate(3, Date.valueOf(p.lastUpdated().toLocalDate()));
    s.setTime(4, Time.valueOf(p.lastUpdated().toLocalTime()));
    s.setString(5, "ITEM-" + p.orderId());
    s.setInt(6, p.quantity());
    s.setBigDecimal(7, p.unitPrice());
    s.setInt(8, CURRENCIES.indexOf(p.currency()) + 1);
    s.setDate(9, Date.valueOf(p.created().plusDays(10)));
    s.setDate(10, Date.valueOf(p.created().plusDays(40)));
    s.addBatch();
  }

  private void insertPayments(Connection c) throws SQLException {
    try (PreparedStatement t =
            c.prepareStatement("INSERT INTO dim_transaction VALUES (?, ?, ?, ?)");
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO fact_payment (payment_id, created_date, created_time,"
                    + " last_updated_date, last_updated_time, transaction_id, counterparty_id,"
                    + " payment_amount, currency_id, payment_type_id, paid, payment_date)"
                    + " VALUES (?, ?, '07:00', ?, ?, ?, 3, ?, ?, ?, ?, ?)")) {
      for (int id = 1; id <= 360; id++) {
        boolean sale = id % 2 == 1;
        t.setInt(1, id);
        t.setString(2, sale ? "SALE" : "PURCHASE");
        t.setObject(3, sale ? id % 300 + 1 : null, java.sql.Types.INTEGER);
        t.setObject(4, sale ? null : id % 120 + 1, java.sql.Types.INTEGER);
        t.addBatch();
        LocalDate date = firstDay.plusDays(random.nextInt(days));
        Payment payment =
            new Payment(
                id,
                date,
                sale ? "SALE" : "PURCHASE",
                currency(id),
                BigDecimal.valueOf(10_000 + random.nextInt(1_990_000), 2),
                random.nextInt(10) < 6,
                date.atTime(11 + random.nextInt(6), random.nextInt(60)));
        if (id % 3 == 0) {
          addPayment(
              s,
              new Payment(
                  id,
                  date,
                  payment.type(),
                  payment.currency(),
                  payment.amount().add(BigDecimal.TEN),
                  false,
                  date.atTime(10, 0)));
          olderPayments++;
        }
        addPayment(s, payment);
        payments.add(payment);
      }
      t.executeBatch();
      s.executeBatch();
    }
  }

  private static void addPayment(PreparedStatement s, Payment p) throws SQLException {
    s.setInt(1, p.paymentId());
    s.setDate(2, Date.valueOf(p.paymentDate().minusDays(p.paymentId() % 20)));
    s.setDate(3, Date.valueOf(p.lastUpdated().toLocalDate()));
    s.setTime(4, Time.valueOf(p.lastUpdated().toLocalTime()));
    s.setInt(5, p.paymentId());
    s.setBigDecimal(6, p.amount());
    s.setInt(7, CURRENCIES.indexOf(p.currency()) + 1);
    s.setInt(8, p.type().equals("SALE") ? 1 : 3);
    s.setBoolean(9, p.paid());
    s.setDate(10, Date.valueOf(p.paymentDate()));
    s.addBatch();
  }

  /** Most business in GBP, some in USD, a little in EUR. */
  private static String currency(int id) {
    int slot = id % 20;
    return slot < 12 ? "GBP" : slot < 17 ? "USD" : "EUR";
  }
}
