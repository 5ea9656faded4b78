package dev.blackwater.cli.stage;

import dev.blackwater.ResultJson;
import dev.blackwater.cli.Composition;
import dev.blackwater.cli.TakesSettings;
import dev.blackwater.cli.TextTable;
import dev.blackwater.config.Setting;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Settings;
import dev.blackwater.pipeline.RunRecord;
import dev.blackwater.pipeline.StatusReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater status}. */
@Command(
    name = "status",
    description = {
      "Where the pipeline stands: per source table its newest change and newest batch; how fresh",
      "the lake is (as of the last extract that read the source, even one that found nothing new);",
      "per stage the newest batch, the backlog and the last success and failure; per fact table its",
      "newest version, and how fresh the warehouse is. The warehouse part is shown when a warehouse",
      "is configured. A table that has not changed for a long time is not behind: only the lake's",
      "and the warehouse's lag say how far Blackwater trails the source."
    })
public final class StatusCommand implements Callable<Integer>, TakesSettings {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public List<Setting> settings() {
    return Settings.of(Group.LAKE, Group.WAREHOUSE, Group.AWS);
  }

  @Override
  public Integer call() {
    StatusReport report = Composition.of(spec).blackwater(spec).status().report();
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? ResultJson.write(report) : describe(report));
    return 0;
  }

  static String describe(StatusReport report) {
    StringBuilder text = new StringBuilder();
    TextTable tables =
        new TextTable(
            "source table",
            "newest change (watermark)",
            "newest batch",
            ">changed",
            ">live keys",
            ">deleted");
    report
        .tables()
        .forEach(
            t ->
                tables.row(
                    t.table(),
                    t.watermark(),
                    t.newestBatch(),
                    ago(t.changeAge()),
                    t.liveKeys(),
                    t.deletedKeys()));
    text.append(tables.isEmpty() ? "  The ingestion zone holds no batch yet." : tables.toString())
        .append("\n\n")
        .append(
            freshness(
                "Lake",
                report.lakeFreshAsOf(),
                report.lakeLag(),
                "the last extract that read the source, whether it found changes or not",
                "no extract has read the source yet"))
        .append("\n\n");
    TextTable stages =
        new TextTable("stage", "newest batch", ">backlog", "last success", "last failure");
    report
        .stages()
        .forEach(
            s ->
                stages.row(
                    s.stage().label(),
                    s.newestBatch(),
                    s.backlog() == null ? "-" : s.backlog().toString(),
                    when(s.lastSuccess()),
                    failure(s.lastFailure())));
    text.append(stages);
    if (!report.facts().isEmpty()) {
      TextTable facts = new TextTable("warehouse table", ">versions", "newest version", ">changed");
      report
          .facts()
          .forEach(f -> facts.row(f.table(), f.rows(), f.newestVersion(), ago(f.changeAge())));
      text.append("\n\n").append(facts);
      text.append("\n\n")
          .append(
              freshness(
                  "Warehouse",
                  report.warehouseFreshAsOf(),
                  report.warehouseLag(),
                  "the extract of the newest batch it loaded, or the lake's when nothing waits",
                  "nothing loaded yet"));
    }
    return text.toString();
  }

  /**
   * One line on how fresh a part is: {@code Lake fresh as of T, lag 2m 5s (why)}. A table's last
   * change is not in it: a table that never changes is not behind.
   */
  private static String freshness(
      String part, Instant asOf, Duration lag, String why, String unknown) {
    if (asOf == null) {
      return part + " fresh as of: - (" + unknown + ")";
    }
    return part
        + " fresh as of "
        + asOf.truncatedTo(ChronoUnit.SECONDS)
        + ", lag "
        + duration(lag)
        + " ("
        + why
        + ")";
  }

  private static String ago(Duration d) {
    return d == null ? "-" : duration(d) + " ago";
  }

  private static String when(RunRecord run) {
    return run == null ? "-" : run.finishedAt().toString();
  }

  private static String failure(RunRecord run) {
    if (run == null) {
      return "-";
    }
    String message = run.message() == null ? "" : run.message();
    return run.finishedAt()
        + " "
        + run.error()
        + ": "
        + (message.length() > 60 ? message.substring(0, 57) + "..." : message);
  }

  /** A duration as {@code 3d 4h}, {@code 12m 5s}, {@code 800ms}. */
  public static String duration(Duration d) {
    if (d == null) {
      return "-";
    }
    if (d.isNegative()) {
      return "-" + duration(d.negated());
    }
    if (d.toDays() > 0) {
      return d.toDays() + "d " + d.toHoursPart() + "h";
    }
    if (d.toHours() > 0) {
      return d.toHours() + "h " + d.toMinutesPart() + "m";
    }
    if (d.toMinutes() > 0) {
      return d.toMinutes() + "m " + d.toSecondsPart() + "s";
    }
    return d.toSeconds() > 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
