package dev.blackwater.cli.bench;

import dev.blackwater.cli.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's closing table: per scale, each stage beside its limit with the ratio and the
 * target (issue 15's), the end-to-end run, the cycle with nothing new and the run's peak RSS.
 */
final class BenchTable {

  /** Scale 100 and above are held to the larger-scale targets. */
  private static final double LARGE = 100;

  /** The end-to-end ratio wanted at scale 100 and above. */
  static final double RUN_TARGET_LARGE = 0.65;

  /** The end-to-end ratio wanted below scale 100 (scale 10). */
  static final double RUN_TARGET_SMALL = 0.50;

  static final double EXTRACT_TARGET = 0.90;
  static final double TRANSFORM_FACT_ROWS_PER_SECOND = 1_000_000;
  static final double LOAD_TARGET = 0.70;
  static final double IDLE_PROCESS_SECONDS = 0.5;
  static final double IDLE_WATCH_SECONDS = 0.050;
  static final long PEAK_RSS_BYTES = 600L << 20;

  /** Everything measured at one scale. */
  record Figures(
      double scale,
      long extractRows,
      double extractSeconds,
      long copyOutRows,
      double copyOutSeconds,
      int connections,
      long factRows,
      double transformSeconds,
      long loadRows,
      double loadSeconds,
      long loadLimitRows,
      double loadLimitSeconds,
      int keysAndIndexes,
      double runSeconds,
      long roundTripRows,
      double roundTripSeconds,
      double idleProcessSeconds,
      double idleWatchSeconds,
      long peakRssBytes) {}

  private final List<Figures> scales = new ArrayList<>();

  void add(Figures figures) {
    scales.add(figures);
  }

  @Override
  public String toString() {
    TextTable table =
        new TextTable(
            "scale",
            "measure",
            ">rows",
            ">seconds",
            ">rows/s",
            "beside",
            ">seconds",
            ">rows/s",
            ">ratio",
            "target",
            "met");
    for (Figures f : scales) {
      String scale = String.format(Locale.ROOT, "%s", f.scale());
      ratioRow(
          table,
          scale,
          "extract",
          f.extractRows(),
          f.extractSeconds(),
          "COPY out (" + f.connections() + " connections)",
          f.copyOutRows(),
          f.copyOutSeconds(),
          f.scale() >= LARGE ? EXTRACT_TARGET : Double.NaN);
      double factRate = f.factRows() / f.transformSeconds();
      table.row(
          scale,
          "transform (fact rows)",
          f.factRows(),
          seconds(f.transformSeconds()),
          Math.round(factRate),
          "1,000,000 fact rows/s",
          "",
          "1,000,000",
          percent(factRate / TRANSFORM_FACT_ROWS_PER_SECOND),
          "100%",
          met(factRate >= TRANSFORM_FACT_ROWS_PER_SECOND));
      ratioRow(
          table,
          scale,
          "load",
          f.loadRows(),
          f.loadSeconds(),
          "COPY in + " + f.keysAndIndexes() + " keys, indexes",
          f.loadLimitRows(),
          f.loadLimitSeconds(),
          LOAD_TARGET);
      ratioRow(
          table,
          scale,
          "run, end to end (process)",
          f.extractRows(),
          f.runSeconds(),
          "COPY out + in",
          f.roundTripRows(),
          f.roundTripSeconds(),
          f.scale() >= LARGE ? RUN_TARGET_LARGE : RUN_TARGET_SMALL);
      table.row(
          scale,
          "nothing new (fresh process)",
          "",
          seconds(f.idleProcessSeconds()),
          "",
          "",
          "",
          "",
          "",
          "<= 0.5 s",
          met(f.idleProcessSeconds() <= IDLE_PROCESS_SECONDS));
      table.row(
          scale,
          "nothing new (run --watch cycle)",
          "",
          String.format(Locale.ROOT, "%.3f", f.idleWatchSeconds()),
          "",
          "",
          "",
          "",
          "",
          "<= 0.050 s",
          met(f.idleWatchSeconds() <= IDLE_WATCH_SECONDS));
      table.row(
          scale,
          "run's peak RSS",
          "",
          f.peakRssBytes() < 0 ? "n/a" : (f.peakRssBytes() >> 20) + " MB",
          "",
          "",
          "",
          "",
          "",
          "<= 600 MB",
          f.peakRssBytes() < 0 ? "" : met(f.peakRssBytes() <= PEAK_RSS_BYTES));
    }
    return table.toString();
  }

  private static void ratioRow(
      TextTable table,
      String scale,
      String measure,
      long rows,
      double seconds,
      String beside,
      long limitRows,
      double limitSeconds,
      double target) {
    double rate = rows / seconds;
    double limitRate = limitRows / limitSeconds;
    double ratio = rate / limitRate;
    table.row(
        scale,
        measure,
        rows,
        seconds(seconds),
        Math.round(rate),
        beside,
        seconds(limitSeconds),
        Math.round(limitRate),
        percent(ratio),
        Double.isNaN(target) ? "" : percent(target),
        Double.isNaN(target) ? "" : met(ratio >= target));
  }

  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.2f", seconds);
  }

  private static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * ratio);
  }

  private static String met(boolean met) {
    return met ? "yes" : "no";
  }
}
