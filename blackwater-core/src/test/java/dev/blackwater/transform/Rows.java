package dev.blackwater.transform;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Result rows as text: columns joined with '|', NULL as '∅'. */
final class Rows {

  private Rows() {}

  static List<String> of(ResultSet r) throws SQLException {
    List<String> rows = new ArrayList<>();
    int n = r.getMetaData().getColumnCount();
    while (r.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        if (i > 1) {
          row.append('|');
        }
        String v = r.getString(i);
        row.append(v == null ? "∅" : v);
      }
      rows.add(row.toString());
    }
    return rows;
  }
}
