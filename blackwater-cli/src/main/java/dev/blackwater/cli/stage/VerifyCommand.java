package dev.blackwater.cli.stage;

import dev.blackwater.ResultJson;
import dev.blackwater.cli.Composition;
import dev.blackwater.cli.TakesSettings;
import dev.blackwater.cli.TextTable;
import dev.blackwater.config.Setting;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Settings;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.verify.Check;
import dev.blackwater.verify.VerifyReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater verify}. */
@Command(
    name = "verify",
    description = {
      "Reconcile source, lake and warehouse: batches consumed, fact versions, duplicates, the",
      "current state of every fact and dimension against the source, foreign keys.",
      "Exits " + 5 + " (data quality) on any mismatch."
    })
public final class VerifyCommand implements Callable<Integer>, TakesSettings {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the checks as JSON.")
  boolean json;

  @Override
  public List<Setting> settings() {
    return Settings.of(Group.SOURCE, Group.LAKE, Group.WAREHOUSE, Group.AWS);
  }

  @Override
  public Integer call() {
    VerifyReport report = Composition.of(spec).blackwater(spec).verifier().verify();
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? ResultJson.write(report) : describe(report));
    return report.ok() ? 0 : ErrorCode.DATA_QUALITY.exitCode();
  }

  public static String describe(VerifyReport report) {
    TextTable table = new TextTable("check", "source", "lake", "warehouse", "result");
    for (Check c : report.checks()) {
      table.row(
          c.name(), c.source(), c.lake(), c.warehouse(), c.ok() ? "ok" : "MISMATCH: " + c.detail());
    }
    long failed = report.failures().size();
    return table
        + (failed == 0
            ? String.format(
                Locale.ROOT, "%n%nAll %d checks passed: nothing was lost.", report.checks().size())
            : String.format(
                Locale.ROOT, "%n%n%d of %d checks FAILED.", failed, report.checks().size()));
  }
}
