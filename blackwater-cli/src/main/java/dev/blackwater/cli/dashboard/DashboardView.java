package dev.blackwater.cli.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The dashboard's queries, one {@code dashboard/<name>.sql} resource each: plain PostgreSQL over
 * the warehouse with unqualified table names (run with {@code search_path} set to the warehouse
 * schema), one statement, no trailing semicolon. QuickSight reads the same files.
 */
enum DashboardView {
  /** Rows, versions and newest last_updated of each fact table: the page's header. */
  FRESHNESS,
  SALES_BY_CURRENCY,
  SALES_BY_MONTH,
  TOP_DESIGNS,
  SALES_BY_DEPARTMENT,
  SALES_BY_STAFF,
  SALES_BY_COUNTRY,
  SALES_BY_CITY,
  PURCHASES_BY_MONTH,
  PAYMENTS_BY_MONTH,
  PAID_VS_UNPAID;

  /** The name the page and QuickSight use: the file name without {@code .sql}. */
  String viewName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The classpath resource that holds the query. */
  String resource() {
    return "/dashboard/" + viewName() + ".sql";
  }

  /** The query. */
  String sql() {
    try (InputStream in = DashboardView.class.getResourceAsStream(resource())) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
