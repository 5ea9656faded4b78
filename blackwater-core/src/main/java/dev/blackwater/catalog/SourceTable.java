package dev.blackwater.catalog;

import java.util.List;

/** A source table as the database catalogue describes it. */
public record SourceTable(
    String schema, String name, List<Column> columns, List<String> primaryKey) {

  public SourceTable {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
  }

  /** The position (0-based) of a column, or -1. */
  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The column names. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }
}
