package dev.blackwater.extract;

import dev.blackwater.catalog.Column;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a table's columns now with those of the previous batch: added columns pass only when the
 * user accepts them; removed or retyped columns always stop the extract.
 */
final class ColumnDrift {

  private ColumnDrift() {}

  /**
   * The columns added since {@code before}; fails naming the table and columns on any other change,
   * or on added columns not accepted.
   */
  static List<String> check(
      String table,
      String previousBatch,
      List<Column> before,
      List<Column> now,
      boolean acceptAdded) {
    if (before.isEmpty()) {
      return List.of();
    }
    Map<String, String> old = new HashMap<>();
    before.forEach(c -> old.put(c.name(), c.type()));
    Map<String, String> current = new HashMap<>();
    now.forEach(c -> current.put(c.name(), c.type()));
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    for (Column c : now) {
      String was = old.get(c.name());
      if (was == null) {
        added.add(c.name() + " " + c.type());
      } else if (!was.equals(c.type())) {
        changed.add(c.name() + " " + was + " -> " + c.type());
      }
    }
    List<String> removed =
        before.stream().filter(c -> !current.containsKey(c.name())).map(Column::name).toList();
    if (removed.isEmpty() && changed.isEmpty() && (added.isEmpty() || acceptAdded)) {
      return added;
    }
    StringBuilder message =
        new StringBuilder("the columns of source table ")
            .append(table)
            .append(" differ from batch ")
            .append(previousBatch)
            .append(':');
    if (!added.isEmpty()) {
      message.append(" added ").append(added);
    }
    if (!removed.isEmpty()) {
      message.append(" removed ").append(removed);
    }
    if (!changed.isEmpty()) {
      message.append(" changed ").append(changed);
    }
    if (removed.isEmpty() && changed.isEmpty()) {
      message.append(" (rerun with --accept-added-columns to accept them)");
    }
    throw new BlackwaterException(ErrorCode.DATA_QUALITY, message.toString());
  }
}
