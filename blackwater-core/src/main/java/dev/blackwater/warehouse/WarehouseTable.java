package dev.blackwater.warehouse;

import java.util.List;

/**
 * A table of the published star schema: its columns as the processed zone carries them, in order,
 * and how load merges it. Facts also have a warehouse-assigned record id, not in the processed
 * zone.
 */
public enum WarehouseTable {
  DIM_DATE(
      "dim_date",
      Kind.DATE,
      null,
      cols(
          "date_id date",
          "year integer",
          "month integer",
          "day integer",
          "day_of_week integer",
          "day_name character varying",
          "month_name character varying",
          "quarter integer")),
  DIM_STAFF(
      "dim_staff",
      Kind.DIMENSION,
      null,
      cols(
          "staff_id integer",
          "first_name character varying",
          "last_name character varying",
          "department_name character varying",
          "location character varying",
          "email_address character varying")),
  DIM_LOCATION(
      "dim_location",
      Kind.DIMENSION,
      null,
      cols(
          "location_id integer",
          "address_line_1 character varying",
          "address_line_2 character varying",
          "district character varying",
          "city character varying",
          "postal_code character varying",
          "country character varying",
          "phone character varying")),
  DIM_CURRENCY(
      "dim_currency",
      Kind.DIMENSION,
      null,
      cols(
          "currency_id integer",
          "currency_code character varying",
          "currency_name character varying")),
  DIM_DESIGN(
      "dim_design",
      Kind.DIMENSION,
      null,
      cols(
          "design_id integer",
          "design_name character varying",
          "file_location character varying",
          "file_name character varying")),
  DIM_COUNTERPARTY(
      "dim_counterparty",
      Kind.DIMENSION,
      null,
      cols(
          "counterparty_id integer",
          "counterparty_legal_name character varying",
          "counterparty_legal_address_line_1 character varying",
          "counterparty_legal_address_line_2 character varying",
          "counterparty_legal_district character varying",
          "counterparty_legal_city character varying",
          "counterparty_legal_postal_code character varying",
          "counterparty_legal_country character varying",
          "counterparty_legal_phone_number character varying")),
  DIM_PAYMENT_TYPE(
      "dim_payment_type",
      Kind.DIMENSION,
      null,
      cols("payment_type_id integer", "payment_type_name character varying")),
  DIM_TRANSACTION(
      "dim_transaction",
      Kind.DIMENSION,
      null,
      cols(
          "transaction_id integer",
          "transaction_type character varying",
          "sales_order_id integer",
          "purchase_order_id integer")),
  FACT_SALES_ORDER(
      "fact_sales_order",
      Kind.FACT,
      "sales_record_id",
      cols(
          "sales_order_id integer",
          "created_date date",
          "created_time time without time zone",
          "last_updated_date date",
          "last_updated_time time without time zone",
          "sales_staff_id integer",
          "counterparty_id integer",
          "units_sold integer",
          "unit_price numeric(10,2)",
          "currency_id integer",
          "design_id integer",
          "agreed_payment_date date",
          "agreed_delivery_date date",
          "agreed_delivery_location_id integer")),
  FACT_PURCHASE_ORDER(
      "fact_purchase_order",
      Kind.FACT,
      "purchase_record_id",
      cols(
          "purchase_order_id integer",
          "created_date date",
          "created_time time without time zone",
          "last_updated_date date",
          "last_updated_time time without time zone",
          "staff_id integer",
          "counterparty_id integer",
          "item_code character varying",
          "item_quantity integer",
          "item_unit_price numeric(10,2)",
          "currency_id integer",
          "agreed_delivery_date date",
          "agreed_payment_date date",
          "agreed_delivery_location_id integer")),
  FACT_PAYMENT(
      "fact_payment",
      Kind.FACT,
      "payment_record_id",
      cols(
          "payment_id integer",
          "created_date date",
          "created_time time without time zone",
          "last_updated_date date",
          "last_updated_time time without time zone",
          "transaction_id integer",
          "counterparty_id integer",
          "payment_amount numeric(10,2)",
          "currency_id integer",
          "payment_type_id integer",
          "paid boolean",
          "payment_date date"));

  /** How a table is merged. */
  public enum Kind {
    /** Dates: added when missing. */
    DATE,
    /** Latest version of each key wins. */
    DIMENSION,
    /** Every version is kept; a version already present is skipped. */
    FACT
  }

  /** A column and its PostgreSQL type as {@code format_type} prints it. */
  public record Column(String name, String type) {}

  /**
   * When the deletion of a row from the source was seen, on every dimension and fact (not {@code
   * dim_date}); NULL while the row exists. Not in the processed zone's tables: the loader sets it
   * from a batch's deletion records.
   */
  public static final Column DELETED_AT = new Column("deleted_at", "timestamp without time zone");

  private final String tableName;
  private final Kind kind;
  private final String recordId;
  private final List<Column> columns;

  WarehouseTable(String tableName, Kind kind, String recordId, List<Column> columns) {
    this.tableName = tableName;
    this.kind = kind;
    this.recordId = recordId;
    this.columns = columns;
  }

  private static List<Column> cols(String... specs) {
    return java.util.Arrays.stream(specs)
        .map(s -> new Column(s.substring(0, s.indexOf(' ')), s.substring(s.indexOf(' ') + 1)))
        .toList();
  }

  /** The table's name in the warehouse and the processed zone. */
  public String tableName() {
    return tableName;
  }

  public Kind kind() {
    return kind;
  }

  /** The warehouse-assigned record id of a fact, or null. */
  public String recordId() {
    return recordId;
  }

  /** The columns the processed zone carries, in order (without a fact's record id). */
  public List<Column> columns() {
    return columns;
  }

  /** The column names. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /** The key: a dimension's primary key, or a fact's natural id (its first column). */
  public String key() {
    return columns.get(0).name();
  }

  /** The columns that identify a fact version: natural id and last-updated date and time. */
  public List<String> versionKey() {
    return List.of(key(), "last_updated_date", "last_updated_time");
  }

  /** Whether the table records deletions ({@link #DELETED_AT}): every table but dim_date. */
  public boolean deletable() {
    return kind != Kind.DATE;
  }

  /** The fact tables, in declaration order. */
  public static List<WarehouseTable> facts() {
    return java.util.Arrays.stream(values()).filter(t -> t.kind == Kind.FACT).toList();
  }

  /** By name. */
  public static WarehouseTable named(String name) {
    for (WarehouseTable t : values()) {
      if (t.tableName.equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("not a warehouse table: " + name);
  }
}
