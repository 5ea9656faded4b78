package dev.blackwater.totesys;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Makes one change of a given kind to a seeded totesys, the way the application would: new rows
 * come from the seeder's value generators, {@code created_at}/{@code last_updated} come from the
 * given clock or else the database clock (UTC, whole milliseconds), rows to change are picked with
 * the given random numbers. The caller runs each change in its own transaction.
 */
final class Changes implements AutoCloseable {

  private final Connection connection;
  private final Optional<Clock> clock;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();
  private final IdPool departments;
  private final int salesReceipt;
  private final int purchasePayment;
  private final int lastPayment;
  private References references;

  private Changes(Connection connection, Optional<Clock> clock) throws SQLException {
    this.connection = connection;
    this.clock = clock;
    this.references =
        new References(
            ids("SELECT design_id FROM design"),
            ids("SELECT staff_id FROM staff"),
            ids("SELECT counterparty_id FROM counterparty"),
            ids("SELECT currency_id FROM currency"),
            ids("SELECT address_id FROM address"));
    this.departments = ids("SELECT department_id FROM department");
    this.salesReceipt = paymentType("SALES_RECEIPT");
    this.purchasePayment = paymentType("PURCHASE_PAYMENT");
    this.lastPayment = largest("SELECT max(payment_id) FROM payment");
  }

  /**
   * Reads the ids changes may refer to from a seeded totesys; the changes are stamped with {@code
   * clock}, or with the database clock when it is empty.
   */
  static Changes on(Connection connection, Optional<Clock> clock) throws SQLException {
    return new Changes(connection, clock);
  }

  /** Makes a change of {@code kind}; returns the kind of change actually made. */
  ChangeKind apply(ChangeKind kind, SplittableRandom random) throws SQLException {
    return switch (kind) {
      case NEW_SALES_ORDER -> newSalesOrder(random);
      case NEW_PURCHASE_ORDER -> newPurchaseOrder(random);
      case PAYMENT_PAID -> paymentPaid(random);
      case SALES_ORDER_AMENDED -> salesOrderAmended(random);
      case PURCHASE_ORDER_AMENDED -> purchaseOrderAmended(random);
      case DEPARTMENT_RENAMED -> departmentRenamed(random);
      case ADDRESS_CHANGED -> addressChanged(random);
      case NEW_DESIGN -> newDesign(random);
      case NEW_STAFF -> newStaff(random);
    };
  }

  private ChangeKind newSalesOrder(SplittableRandom random) throws SQLException {
    SalesTerms terms = SalesTerms.random(random, references, references.designs().size());
    PreparedStatement insert = statement(ChangeStatements.NEW_SALES_ORDER);
    insert.setInt(2, terms.designId());
    insert.setInt(3, terms.staffId());
    insert.setInt(4, terms.counterpartyId());
    insert.setInt(5, terms.unitsSold());
    insert.setBigDecimal(6, BigDecimal.valueOf(terms.unitPriceCents(), 2));
    insert.setInt(7, terms.currencyId());
    insert.setInt(8, terms.deliveryDays());
    insert.setInt(9, terms.paymentDays());
    insert.setInt(10, terms.locationId());
    bindPayment(insert, 11, salesReceipt, random);
    insert.executeUpdate();
    return ChangeKind.NEW_SALES_ORDER;
  }

  private ChangeKind newPurchaseOrder(SplittableRandom random) throws SQLException {
    PurchaseTerms terms = PurchaseTerms.random(random, references);
    PreparedStatement insert = statement(ChangeStatements.NEW_PURCHASE_ORDER);
    insert.setInt(2, terms.staffId());
    insert.setInt(3, terms.counterpartyId());
    insert.setString(4, terms.itemCode());
    insert.setInt(5, terms.itemQuantity());
    insert.setBigDecimal(6, BigDecimal.valueOf(terms.itemUnitPriceCents(), 2));
    insert.setInt(7, terms.currencyId());
    insert.setInt(8, terms.deliveryDays());
    insert.setInt(9, terms.paymentDays());
    insert.setInt(10, terms.locationId());
    bindPayment(insert, 11, purchasePayment, random);
    insert.executeUpdate();
    return ChangeKind.NEW_PURCHASE_ORDER;
  }

  private static void bindPayment(
      PreparedStatement insert, int first, int paymentType, SplittableRandom random)
      throws SQLException {
    insert.setInt(first, paymentType);
    insert.setInt(first + 1, Terms.paymentDays(random));
    insert.setInt(first + 2, Terms.accountNumber(random));
    insert.setInt(first + 3, Terms.accountNumber(random));
  }

  /** Marks the first unpaid payment from a random id on paid; a new sale if none is unpaid. */
  private ChangeKind paymentPaid(SplittableRandom random) throws SQLException {
    PreparedStatement update = statement(ChangeStatements.PAYMENT_PAID);
    update.setInt(2, 1 + random.nextInt(lastPayment));
    if (update.executeUpdate() == 0) {
      update.setInt(2, 0);
      if (update.executeUpdate() == 0) {
        return newSalesOrder(random);
      }
    }
    return ChangeKind.PAYMENT_PAID;
  }

  private ChangeKind salesOrderAmended(SplittableRandom random) throws SQLException {
    int aspect = random.nextInt(3);
    PreparedStatement update = statement(ChangeStatements.SALES_ORDER_AMENDED);
    setIntOrNull(update, 3, aspect == 0, SalesTerms.unitsSold(random));
    setCentsOrNull(update, 4, aspect == 1, SalesTerms.unitPriceCents(random));
    return amend(update, aspect == 2, random, ChangeKind.SALES_ORDER_AMENDED);
  }

  private ChangeKind purchaseOrderAmended(SplittableRandom random) throws SQLException {
    int aspect = random.nextInt(3);
    PreparedStatement update = statement(ChangeStatements.PURCHASE_ORDER_AMENDED);
    setIntOrNull(update, 3, aspect == 0, PurchaseTerms.itemQuantity(random));
    setCentsOrNull(update, 4, aspect == 1, PurchaseTerms.itemUnitPriceCents(random));
    return amend(update, aspect == 2, random, ChangeKind.PURCHASE_ORDER_AMENDED);
  }

  /** Binds the dates and runs an amendment; a new sale if no order has an open payment. */
  private ChangeKind amend(
      PreparedStatement update, boolean dates, SplittableRandom random, ChangeKind kind)
      throws SQLException {
    setIntOrNull(update, 5, dates, Terms.deliveryDays(random));
    setIntOrNull(update, 6, dates, Terms.paymentDays(random));
    update.setInt(2, 1 + random.nextInt(lastPayment));
    if (firstInt(update) == 0) {
      update.setInt(2, 0);
      if (firstInt(update) == 0) {
        return newSalesOrder(random);
      }
    }
    return kind;
  }

  /** The first column of the first row a query returns. */
  private static int firstInt(PreparedStatement query) throws SQLException {
    try (ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void setIntOrNull(PreparedStatement s, int index, boolean set, int value)
      throws SQLException {
    if (set) {
      s.setInt(index, value);
    } else {
      s.setNull(index, Types.INTEGER);
    }
  }

  private static void setCentsOrNull(PreparedStatement s, int index, boolean set, long cents)
      throws SQLException {
    if (set) {
      s.setBigDecimal(index, BigDecimal.valueOf(cents, 2));
    } else {
      s.setNull(index, Types.NUMERIC);
    }
  }

  private ChangeKind departmentRenamed(SplittableRandom random) throws SQLException {
    List<String> names = Vocabulary.DEPARTMENT_RENAMES;
    int pick = random.nextInt(names.size());
    String name = names.get(pick);
    String otherwise = names.get((pick + 1 + random.nextInt(names.size() - 1)) % names.size());
    PreparedStatement update = statement(ChangeStatements.DEPARTMENT_RENAMED);
    update.setString(2, name);
    update.setString(3, otherwise);
    update.setString(4, name);
    update.setString(5, Vocabulary.pick(random, Vocabulary.OFFICE_TOWNS));
    update.setInt(6, departments.pick(random));
    update.executeUpdate();
    return ChangeKind.DEPARTMENT_RENAMED;
  }

  private ChangeKind addressChanged(SplittableRandom random) throws SQLException {
    AddressValues address = AddressValues.random(random, false);
    PreparedStatement update = statement(ChangeStatements.ADDRESS_CHANGED);
    update.setString(2, address.line1());
    update.setString(3, address.line2());
    update.setString(4, address.district());
    update.setString(5, address.city());
    update.setString(6, address.postalCode());
    update.setString(7, address.phone());
    update.setInt(8, references.addresses().pick(random));
    update.executeUpdate();
    return ChangeKind.ADDRESS_CHANGED;
  }

  private ChangeKind newDesign(SplittableRandom random) throws SQLException {
    DesignValues design = DesignValues.random(random);
    PreparedStatement insert = statement(ChangeStatements.NEW_DESIGN);
    insert.setString(2, design.name());
    insert.setString(3, design.fileLocation());
    insert.setString(4, design.fileNamePrefix());
    insert.setInt(5, design.fileAgeDays());
    insert.setString(6, design.fileNameSuffix());
    int id = firstInt(insert);
    references =
        new References(
            references.designs().with(id),
            references.staff(),
            references.counterparties(),
            references.currencies(),
            references.addresses());
    return ChangeKind.NEW_DESIGN;
  }

  private ChangeKind newStaff(SplittableRandom random) throws SQLException {
    PersonName name = PersonName.random(random);
    PreparedStatement insert = statement(ChangeStatements.NEW_STAFF);
    insert.setString(2, name.first());
    insert.setString(3, name.last());
    insert.setInt(4, departments.pick(random));
    insert.setString(5, name.email());
    int id = firstInt(insert);
    references =
        new References(
            references.designs(),
            references.staff().with(id),
            references.counterparties(),
            references.currencies(),
            references.addresses());
    return ChangeKind.NEW_STAFF;
  }

  /**
   * The prepared statement for {@code sql}, prepared once per simulation, with its first parameter
   * (the time of the change, {@link ChangeStatements}) bound to now: the clock's, or null for the
   * database's.
   */
  private PreparedStatement statement(String sql) throws SQLException {
    PreparedStatement statement = prepared.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      prepared.put(sql, statement);
    }
    if (clock.isPresent()) {
      statement.setObject(
          1,
          LocalDateTime.ofInstant(clock.get().instant(), ZoneOffset.UTC)
              .truncatedTo(ChronoUnit.MILLIS));
    } else {
      statement.setNull(1, Types.TIMESTAMP);
    }
    return statement;
  }

  private IdPool ids(String sql) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        ids.add(rows.getInt(1));
      }
    }
    return IdPool.of(ids.stream().mapToInt(Integer::intValue).toArray());
  }

  private int largest(String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private int paymentType(String name) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT min(payment_type_id) FROM payment_type WHERE payment_type_name = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        int id = rows.getInt(1);
        if (rows.wasNull()) {
          throw new TotesysException(
              TotesysException.Kind.SCHEMA_MISSING,
              "totesys has no payment type " + name + "; seed it with `blackwater totesys seed`");
        }
        return id;
      }
    }
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : prepared.values()) {
      statement.close();
    }
  }
}
