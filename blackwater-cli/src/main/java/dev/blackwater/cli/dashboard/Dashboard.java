package dev.blackwater.cli.dashboard;

import static dev.blackwater.error.BlackwaterException.firstLine;

import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads every dashboard view from the warehouse in one read-only, repeatable-read transaction (so
 * the views agree with each other), with {@code search_path} set to the warehouse schema.
 */
final class Dashboard {

  private final Database database;
  private final String schema;
  private final Clock clock;

  Dashboard(DatabaseConfig database, String schema, Clock clock) {
    this.database = new Database(database);
    this.schema = schema;
    this.clock = clock;
  }

  /** Runs the views; {@code freshAsOf} is the warehouse's freshness, when the lake told it. */
  DashboardSnapshot read(Optional<Instant> freshAsOf) {
    Map<DashboardView, ViewResult> results = new EnumMap<>(DashboardView.class);
    try (Connection c = database.open()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      c.setSchema(schema);
      for (DashboardView view : DashboardView.values()) {
        results.put(view, run(c, view));
      }
      c.rollback();
    } catch (SQLException e) {
      throw database.failure(e);
    }
    return new DashboardSnapshot(clock.instant(), database.location(), schema, freshAsOf, results);
  }

  private ViewResult run(Connection c, DashboardView view) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(view.sql())) {
      return ViewResult.read(r);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "" : e.getSQLState();
      if (state.equals("42P01") || state.equals("42703")) {
        throw new BlackwaterException(
            ErrorCode.DATA_QUALITY,
            "the warehouse schema "
                + schema
                + " at "
                + database.location()
                + " does not hold the star schema ("
                + firstLine(e.getMessage())
                + "): run blackwater warehouse migrate or load, or name the schema with"
                + " --warehouse-schema",
            e);
      }
      if (state.startsWith("08") || state.startsWith("28") || state.equals("42501")) {
        throw e;
      }
      throw new BlackwaterException(
          ErrorCode.INTERNAL,
          "the dashboard query " + view.resource() + " failed: " + firstLine(e.getMessage()),
          e);
    }
  }
}
