package dev.blackwater.transform;

import static dev.blackwater.Sql.identifier;
import static dev.blackwater.Sql.literal;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A value of a source row that must meet a rule ({@code rules.sql}) to become a warehouse value:
 * the agreed and payment dates totesys keeps as text, and its unconstrained amounts. A row breaking
 * one fails its batch, or is set aside with {@code --max-rejected-rows} ({@link RejectedRows}).
 */
enum RowCheck {
  SALES_ORDER_DELIVERY_DATE("sales_order", "sales_order_id", "agreed_delivery_date", Rule.DATE),
  SALES_ORDER_PAYMENT_DATE("sales_order", "sales_order_id", "agreed_payment_date", Rule.DATE),
  SALES_ORDER_UNIT_PRICE("sales_order", "sales_order_id", "unit_price", Rule.AMOUNT),
  PURCHASE_ORDER_DELIVERY_DATE(
      "purchase_order", "purchase_order_id", "agreed_delivery_date", Rule.DATE),
  PURCHASE_ORDER_PAYMENT_DATE(
      "purchase_order", "purchase_order_id", "agreed_payment_date", Rule.DATE),
  PURCHASE_ORDER_UNIT_PRICE("purchase_order", "purchase_order_id", "item_unit_price", Rule.AMOUNT),
  PAYMENT_DATE("payment", "payment_id", "payment_date", Rule.DATE),
  PAYMENT_AMOUNT("payment", "payment_id", "payment_amount", Rule.AMOUNT);

  /** A rule of {@code rules.sql}: its macro and how a broken value is described. */
  enum Rule {
    DATE("not_a_date", "is not a date (YYYY-MM-DD)"),
    AMOUNT("not_numeric_10_2", "does not fit numeric(10,2)");

    private final String macro;
    private final String problem;

    Rule(String macro, String problem) {
      this.macro = macro;
      this.problem = problem;
    }
  }

  private final String table;
  private final String key;
  private final String column;
  private final Rule rule;

  RowCheck(String table, String key, String column, Rule rule) {
    this.table = table;
    this.key = key;
    this.column = column;
    this.rule = rule;
  }

  /** The macros of the rules, to run once per DuckDB database before any check. */
  static String rules() {
    return Model.resource("rules.sql");
  }

  /** Whether the rule breaks, for a row of the table. */
  private String broken() {
    return rule.macro + "(" + identifier(column) + ")";
  }

  /**
   * The rows of schema {@code batch} that break a check, one result row per broken value: source
   * table, object number ({@code _object}), row id, the row's key for people, column, value and
   * problem.
   */
  static String brokenRows() {
    return Arrays.stream(values())
        .map(
            c ->
                "SELECT "
                    + literal(c.table)
                    + " AS source_table, _object, rowid AS row_id, "
                    + literal(c.key + "=")
                    + " || "
                    + identifier(c.key)
                    + " || ' last_updated=' || last_updated AS row_key, "
                    + literal(c.column)
                    + " AS column_name, "
                    + identifier(c.column)
                    + " AS value, "
                    + literal(c.rule.problem)
                    + " AS problem FROM batch."
                    + identifier(c.table)
                    + " WHERE "
                    + c.broken())
        .collect(Collectors.joining(" UNION ALL "));
  }

  /**
   * A condition on a row of {@code table} that is true when the row meets every check and stops the
   * query with an error otherwise: what a model reading the table's objects directly relies on (the
   * batch is then transformed again with every row checked, see {@link BatchTransform}). Empty when
   * the table has no checks.
   */
  static String guard(String table) {
    List<RowCheck> checks = Arrays.stream(values()).filter(c -> c.table.equals(table)).toList();
    if (checks.isEmpty()) {
      return "";
    }
    return "CASE WHEN "
        + checks.stream().map(RowCheck::broken).collect(Collectors.joining(" OR "))
        + " THEN error("
        + literal(GUARD_MESSAGE + table)
        + ") ELSE TRUE END";
  }

  /** How a guard's error starts. */
  static final String GUARD_MESSAGE = "a row breaks a check: ";
}
