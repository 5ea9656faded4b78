package dev.blackwater.transform;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A SQL model: one {@code SELECT} per warehouse table, kept as a resource under {@code
 * dev/blackwater/transform/models/}, whose result is that table's Parquet object for a batch.
 *
 * @param table the warehouse table
 * @param sql the query
 */
record Model(String table, String sql) {

  /** The warehouse tables in the order their models run: dim_date reads the facts. */
  static final List<String> TABLES =
      List.of(
          "fact_sales_order",
          "fact_purchase_order",
          "fact_payment",
          "dim_date",
          "dim_staff",
          "dim_location",
          "dim_currency",
          "dim_design",
          "dim_counterparty",
          "dim_payment_type",
          "dim_transaction");

  /** Every model, in running order. */
  static List<Model> all() {
    return TABLES.stream().map(t -> new Model(t, resource("models/" + t + ".sql"))).toList();
  }

  /** A SQL resource of this package, e.g. {@code sources.sql}. */
  static String resource(String name) {
    try (InputStream in = Model.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the transform resource " + name + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the transform resource " + name, e);
    }
  }
}
