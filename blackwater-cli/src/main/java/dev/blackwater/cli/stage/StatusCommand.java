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
      "Where the pipeline stands: per table the watermark and newest batch, per stage the newest",
      "batch, the backlog and the last success and failure, and the warehouse's freshness lag.",
      "The warehouse part is shown when a warehouse is configured."
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
    TextTable tables = new TextTable("source table", "watermark", "newest batch", ">lake lag");
    report
        .tables()
        .forEach(t -> tables.row(t.table(), t.watermark(), t.newestBatch(), duration(t.lag())));
    text.append(tables.isEmpty() ? "  The ingestion zone holds no batch yet." : tables.toString())
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
      TextTable facts =
          new TextTable("warehouse table", ">versions", "newest version", ">freshness lag");
      report
          .facts()
          .forEach(
              f -> facts.row(f.table(), f.rows(), f.newestVersion(), duration(f.freshnessLag())));
      text.append("\n\n").append(facts);
      text.append("\n\nFreshness lag: ").append(duration(report.freshnessLag()));
    }
    return text.toString();
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
  static String duration(Duration d) {
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
