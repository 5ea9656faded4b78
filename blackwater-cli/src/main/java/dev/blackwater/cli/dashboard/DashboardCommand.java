package dev.blackwater.cli.dashboard;

import dev.blackwater.cli.Composition;
import dev.blackwater.cli.RunContext;
import dev.blackwater.cli.TakesSettings;
import dev.blackwater.config.Setting;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Settings;
import dev.blackwater.pipeline.Blackwater;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater dashboard --out FILE.html}. */
@Command(
    name = "dashboard",
    description = {
      "Write a self-contained HTML dashboard of the warehouse: sales by month, currency, design,",
      "staff, department and delivery place, purchases and payments, paid versus unpaid.",
      "The page needs no network to view; its queries are the files dashboard/*.sql."
    })
public final class DashboardCommand implements Callable<Integer>, TakesSettings {

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.html",
      description = "Where to write the page (replaced if it exists).")
  Path out;

  @Override
  public List<Setting> settings() {
    return Settings.of(Group.WAREHOUSE, Group.AWS);
  }

  @Override
  public Integer call() {
    Blackwater blackwater = Composition.of(spec).blackwater(spec);
    RunContext.start(blackwater.clock());
    RunContext.stage("dashboard");
    String schema = blackwater.config().load().schema();
    DashboardSnapshot snapshot =
        DashboardFile.create(blackwater.warehouse().current(), schema, out, blackwater.clock());
    Path written = out.toAbsolutePath().normalize();
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "Dashboard of schema %s at %s (%s) written to %s%n",
            schema,
            snapshot.warehouse(),
            snapshot.empty()
                ? "no facts yet"
                : String.format(
                    Locale.ROOT,
                    "%,d facts, data as of %s",
                    snapshot.facts(),
                    snapshot.freshness().orElseThrow().replace('T', ' ')),
            written);
    return 0;
  }
}
