package dev.blackwater.totesys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills empty totesys tables with generated rows, deterministically: every value, timestamps
 * included, follows from the seed, the scale and the history's last day, never from the wall clock.
 *
 * <p>All tables are loaded in one transaction with {@code COPY … FROM STDIN}, rows streamed as they
 * are generated. Foreign keys are dropped for the load and added back (validated) before the
 * commit; identity sequences are moved past the loaded ids, and the tables are analysed.
 */
public final class Seeder {

  private static final Logger LOG = LoggerFactory.getLogger(Seeder.class);

  private static final String RESET_IDENTITY =
      "SELECT setval(pg_get_serial_sequence(?, ?), ?, true)";

  /** One table to load: its name, the columns the rows carry, and the rows. */
  private record Load(String table, String columns, TableCopy.Rows rows) {}

  /**
   * Seeds the tables.
   *
   * @throws TotesysException {@code SCHEMA_MISSING} if a table is missing, {@code SCHEMA_EXISTS} if
   *     any table already holds rows
   */
  public SeedResult seed(Connection connection, SeedOptions options) throws SQLException {
    long started = System.nanoTime();
    TotesysSchema.requireTables(connection);
    Volumes volumes = Volumes.of(options.scale());
    WorkingHours calendar = options.calendar();
    ReferenceRows reference = new ReferenceRows(options.seed(), volumes, calendar);
    OrderRows orders = new OrderRows(options.seed(), volumes, reference, calendar);
    TransactionRows transactions = new TransactionRows(options.seed(), orders);
    List<Load> loads =
        List.of(
            new Load("address", ReferenceRows.ADDRESS_COLUMNS, reference::addresses),
            new Load("currency", ReferenceRows.CURRENCY_COLUMNS, reference::currencies),
            new Load("department", ReferenceRows.DEPARTMENT_COLUMNS, reference::departments),
            new Load("design", ReferenceRows.DESIGN_COLUMNS, reference::designs),
            new Load("payment_type", ReferenceRows.PAYMENT_TYPE_COLUMNS, reference::paymentTypes),
            new Load("counterparty", ReferenceRows.COUNTERPARTY_COLUMNS, reference::counterparties),
            new Load("staff", ReferenceRows.STAFF_COLUMNS, reference::staff),
            new Load("sales_order", OrderRows.SALES_COLUMNS, orders::salesOrders),
            new Load("purchase_order", OrderRows.PURCHASE_COLUMNS, orders::purchaseOrders),
            new Load(
                "transaction", TransactionRows.TRANSACTION_COLUMNS, transactions::transactions),
            new Load("payment", TransactionRows.PAYMENT_COLUMNS, transactions::payments));
    Map<String, Long> rows = JdbcTransaction.run(connection, () -> load(connection, loads));
    SeedResult result = new SeedResult(rows, since(started));
    LOG.info(
        "seeded totesys at scale {} (seed {}, history to {}): {} rows in {}",
        options.scale(),
        options.seed(),
        LocalDate.ofEpochDay(WorkingHours.epochDay(calendar.end())),
        result.totalRows(),
        result.duration());
    return result;
  }

  /** Locks and checks the tables, then loads them; runs inside the seed's transaction. */
  private static Map<String, Long> load(Connection connection, List<Load> loads)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("LOCK TABLE " + TotesysSchema.quotedList() + " IN ACCESS EXCLUSIVE MODE");
    }
    requireEmpty(connection);
    ForeignKeys keys = ForeignKeys.suspend(connection, TotesysSchema.tables());
    Map<String, Long> loaded = new LinkedHashMap<>();
    for (Load load : loads) {
      long start = System.nanoTime();
      long count =
          TableCopy.copy(
              connection, TotesysSchema.quoted(load.table()), load.columns(), load.rows());
      loaded.put(load.table(), count);
      LOG.debug("seeded {} rows into {} in {}", count, load.table(), since(start));
    }
    long start = System.nanoTime();
    keys.restore();
    LOG.debug("checked {} foreign keys in {}", keys.count(), since(start));
    resetIdentities(connection, loaded);
    start = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      statement.execute("ANALYZE " + TotesysSchema.quotedList());
    }
    LOG.debug("analysed the tables in {}", since(start));
    return loaded;
  }

  private static void requireEmpty(Connection connection) throws SQLException {
    List<String> empty = TotesysSchema.emptyTables(connection);
    if (empty.size() != TotesysSchema.tables().size()) {
      List<String> filled =
          TotesysSchema.tables().stream().filter(t -> !empty.contains(t)).toList();
      throw new TotesysException(
          TotesysException.Kind.SCHEMA_EXISTS,
          "totesys already holds rows in "
              + String.join(", ", filled)
              + "; seed needs empty tables (create the schema in a fresh database)");
    }
  }

  private static void resetIdentities(Connection connection, Map<String, Long> rows)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(RESET_IDENTITY)) {
      for (Map.Entry<String, Long> table : rows.entrySet()) {
        statement.setString(1, TotesysSchema.quoted(table.getKey()));
        statement.setString(2, table.getKey() + "_id");
        statement.setLong(3, table.getValue());
        statement.execute();
      }
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
