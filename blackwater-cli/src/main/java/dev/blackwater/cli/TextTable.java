package dev.blackwater.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table for the terminal: a header row and aligned columns. */
public final class TextTable {

  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final boolean[] rightAligned;

  /** Columns whose header starts with {@code >} are right-aligned (the {@code >} is dropped). */
  public TextTable(String... columns) {
    header = new ArrayList<>();
    rightAligned = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      rightAligned[i] = columns[i].startsWith(">");
      header.add(rightAligned[i] ? columns[i].substring(1) : columns[i]);
    }
  }

  public TextTable row(Object... cells) {
    List<String> row = new ArrayList<>();
    for (Object cell : cells) {
      row.add(
          cell == null
              ? "-"
              : cell instanceof Long || cell instanceof Integer
                  ? String.format(Locale.ROOT, "%,d", ((Number) cell).longValue())
                  : cell.toString());
    }
    rows.add(row);
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  @Override
  public String toString() {
    int[] widths = new int[header.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = header.get(i).length();
      for (List<String> row : rows) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, header, widths);
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    line(out, rule, widths);
    rows.forEach(r -> line(out, r, widths));
    return out.toString().stripTrailing();
  }

  private void line(StringBuilder out, List<String> cells, int[] widths) {
    out.append(' ');
    for (int i = 0; i < cells.size(); i++) {
      String fmt = rightAligned[i] ? "%" + widths[i] + "s" : "%-" + widths[i] + "s";
      out.append(' ').append(String.format(Locale.ROOT, fmt, cells.get(i)));
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    out.setLength(end);
    out.append(System.lineSeparator());
  }
}
