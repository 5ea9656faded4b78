package dev.blackwater.transform;

import dev.blackwater.catalog.Column;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.warehouse.WarehouseTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A SQL model: one {@code SELECT} per warehouse table, kept as a resource under {@code
 * dev/blackwater/transform/models/}, whose result is that table's Parquet object for a batch.
 *
 * @param table the warehouse table
 * @param sql the query
 */
record Model(WarehouseTable table, String sql) {

  /** Every model, in running order: the facts, then dim_date (which reads them), then the rest. */
  static List<Model> all() {
    return Arrays.stream(WarehouseTable.values())
        .sorted(Comparator.comparingInt(Model::runningOrder))
        .map(t -> new Model(t, resource("models/" + t.tableName() + ".sql")))
        .toList();
  }

  private static int runningOrder(WarehouseTable table) {
    return switch (table.kind()) {
      case FACT -> 0;
      case DATE -> 1;
      case DIMENSION -> 2;
    };
  }

  /** The warehouse table's name. */
  String name() {
    return table.tableName();
  }

  /**
   * Checks that {@code described}, the model's result columns as DuckDB describes them, are exactly
   * the warehouse table's columns: the same names, in the same order, with the DuckDB types of
   * their warehouse types.
   *
   * @throws BlackwaterException INTERNAL naming the model and both column lists otherwise
   */
  void checkColumns(List<Column> described) {
    List<String> expected =
        table.columns().stream()
            .map(c -> c.name() + " " + SourceTypes.duckDb(name(), c.name(), c.type()))
            .toList();
    List<String> actual = described.stream().map(c -> c.name() + " " + c.type()).toList();
    if (!actual.equals(expected)) {
      throw new BlackwaterException(
          ErrorCode.INTERNAL,
          "model "
              + name()
              + " gives the columns "
              + actual
              + ", the warehouse table has "
              + expected);
    }
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
