package dev.blackwater.cli.totesys;

import java.util.Locale;
import java.util.Map;

/** A two-column table of names and counts, for the terminal. */
final class TableCounts {

  private TableCounts() {}

  static String format(Map<String, ? extends Number> counts) {
    int width = counts.keySet().stream().mapToInt(String::length).max().orElse(5);
    StringBuilder text = new StringBuilder();
    counts.forEach(
        (name, count) ->
            text.append(
                String.format(Locale.ROOT, "  %-" + width + "s %,12d%n", name, count.longValue())));
    return text.toString().stripTrailing();
  }
}
