package dev.blackwater.totesys;

/**
 * The SQL of each change the simulator makes. Each statement's first parameter is the time of the
 * change (a {@code timestamp}, UTC, whole milliseconds like the source's values); when it is null,
 * the statement takes the database clock instead. Each makes the whole change (an order with its
 * transaction and payment, say) in one statement.
 */
final class ChangeStatements {

  private static final String CLOCK =
      "WITH clock AS (SELECT coalesce(?::timestamp,"
          + " date_trunc('milliseconds', clock_timestamp() AT TIME ZONE 'UTC')) AS ts) ";

  private static final String PAYMENT_FOR_ORDER =
      """
      INSERT INTO payment (created_at, last_updated, transaction_id, counterparty_id,
          payment_amount, currency_id, payment_type_id, paid, payment_date, company_ac_number,
          counterparty_ac_number)
      SELECT o.created_at, o.created_at, t.transaction_id, o.counterparty_id, o.amount,
             o.currency_id, ?, false, to_char(o.created_at::date + ?, 'YYYY-MM-DD'), ?, ?
        FROM o, t
      """;

  static final String NEW_SALES_ORDER =
      CLOCK
          + """
          , o AS (
            INSERT INTO sales_order (created_at, last_updated, design_id, staff_id,
                counterparty_id, units_sold, unit_price, currency_id, agreed_delivery_date,
                agreed_payment_date, agreed_delivery_location_id)
            SELECT ts, ts, ?, ?, ?, ?, ?, ?, to_char(ts::date + ?, 'YYYY-MM-DD'),
                   to_char(ts::date + ?, 'YYYY-MM-DD'), ? FROM clock
            RETURNING sales_order_id AS id, created_at, counterparty_id, currency_id,
                      units_sold * unit_price AS amount),
          t AS (
            INSERT INTO transaction (transaction_type, sales_order_id, purchase_order_id,
                created_at, last_updated)
            SELECT 'SALE', id, NULL, created_at, created_at FROM o
            RETURNING transaction_id)
          """
          + PAYMENT_FOR_ORDER;

  static final String NEW_PURCHASE_ORDER =
      CLOCK
          + """
          , o AS (
            INSERT INTO purchase_order (created_at, last_updated, staff_id, counterparty_id,
                item_code, item_quantity, item_unit_price, currency_id, agreed_delivery_date,
                agreed_payment_date, agreed_delivery_location_id)
            SELECT ts, ts, ?, ?, ?, ?, ?, ?, to_char(ts::date + ?, 'YYYY-MM-DD'),
                   to_char(ts::date + ?, 'YYYY-MM-DD'), ? FROM clock
            RETURNING purchase_order_id AS id, created_at, counterparty_id, currency_id,
                      item_quantity * item_unit_price AS amount),
          t AS (
            INSERT INTO transaction (transaction_type, sales_order_id, purchase_order_id,
                created_at, last_updated)
            SELECT 'PURCHASE', NULL, id, created_at, created_at FROM o
            RETURNING transaction_id)
          """
          + PAYMENT_FOR_ORDER;

  static final String PAYMENT_PAID =
      CLOCK
          + """
          UPDATE payment SET paid = true, last_updated = clock.ts FROM clock
           WHERE payment_id = (SELECT payment_id FROM payment
                                WHERE NOT paid AND payment_id >= ?
                                ORDER BY payment_id LIMIT 1)
          """;

  private static final String PAYMENT_FOLLOWS_ORDER =
      """
      , payment_changed AS (
        UPDATE payment p SET payment_amount = o.amount, last_updated = o.ts
          FROM o, target
         WHERE p.payment_id = target.payment_id AND p.payment_amount <> o.amount
        RETURNING p.payment_id)
      SELECT count(*) FROM o
      """;

  /**
   * Amends the order of the first open payment from a random id (the application only amends orders
   * that are not paid yet, and the payment follows the order's amount). Every lookup goes through a
   * primary key: the source has no index on the transaction's order ids. Returns the number of
   * orders amended (0 or 1).
   */
  static final String SALES_ORDER_AMENDED =
      CLOCK
          + """
          , target AS (
            SELECT p.payment_id, t.sales_order_id AS id
              FROM payment p JOIN transaction t ON t.transaction_id = p.transaction_id
             WHERE p.payment_id >= ? AND NOT p.paid AND t.sales_order_id IS NOT NULL
             ORDER BY p.payment_id LIMIT 1),
          o AS (
            UPDATE sales_order s
               SET units_sold = coalesce(?, s.units_sold),
                   unit_price = coalesce(?, s.unit_price),
                   agreed_delivery_date = coalesce(to_char(s.created_at::date + ?, 'YYYY-MM-DD'),
                                                   s.agreed_delivery_date),
                   agreed_payment_date = coalesce(to_char(s.created_at::date + ?, 'YYYY-MM-DD'),
                                                  s.agreed_payment_date),
                   last_updated = clock.ts
              FROM clock, target
             WHERE s.sales_order_id = target.id
            RETURNING s.units_sold * s.unit_price AS amount, clock.ts)
          """
          + PAYMENT_FOLLOWS_ORDER;

  static final String PURCHASE_ORDER_AMENDED =
      CLOCK
          + """
          , target AS (
            SELECT p.payment_id, t.purchase_order_id AS id
              FROM payment p JOIN transaction t ON t.transaction_id = p.transaction_id
             WHERE p.payment_id >= ? AND NOT p.paid AND t.purchase_order_id IS NOT NULL
             ORDER BY p.payment_id LIMIT 1),
          o AS (
            UPDATE purchase_order s
               SET item_quantity = coalesce(?, s.item_quantity),
                   item_unit_price = coalesce(?, s.item_unit_price),
                   agreed_delivery_date = coalesce(to_char(s.created_at::date + ?, 'YYYY-MM-DD'),
                                                   s.agreed_delivery_date),
                   agreed_payment_date = coalesce(to_char(s.created_at::date + ?, 'YYYY-MM-DD'),
                                                  s.agreed_payment_date),
                   last_updated = clock.ts
              FROM clock, target
             WHERE s.purchase_order_id = target.id
            RETURNING s.item_quantity * s.item_unit_price AS amount, clock.ts)
          """
          + PAYMENT_FOLLOWS_ORDER;

  static final String DEPARTMENT_RENAMED =
      CLOCK
          + """
          UPDATE department
             SET department_name = CASE WHEN department_name = ? THEN ? ELSE ? END,
                 location = ?, last_updated = clock.ts
            FROM clock
           WHERE department_id = ?
          """;

  static final String ADDRESS_CHANGED =
      CLOCK
          + """
          UPDATE address
             SET address_line_1 = ?, address_line_2 = ?, district = ?, city = ?,
                 postal_code = ?, phone = ?, last_updated = clock.ts
            FROM clock
           WHERE address_id = ?
          """;

  static final String NEW_DESIGN =
      CLOCK
          + """
          INSERT INTO design (created_at, design_name, file_location, file_name, last_updated)
          SELECT ts, ?, ?, ? || to_char(ts::date - ?, 'YYYYMMDD') || ?, ts FROM clock
          RETURNING design_id
          """;

  static final String NEW_STAFF =
      CLOCK
          + """
          INSERT INTO staff (first_name, last_name, department_id, email_address, created_at,
              last_updated)
          SELECT ?, ?, ?, ?, ts, ts FROM clock
          RETURNING staff_id
          """;

  private ChangeStatements() {}
}
