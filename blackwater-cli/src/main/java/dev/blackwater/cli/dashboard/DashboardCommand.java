package dev.blackwater.cli.dashboard;

import dev.blackwater.cli.BlackwaterCommand;
import dev.blackwater.cli.RunContext;
import dev.blackwater.cli.WarehouseOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
public final class DashboardCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin WarehouseOptions warehouse;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.html",
      description = "Where to write the page (replaced if it exists).")
  Path out;

  @Override
  public Integer call() {
    Clock clock = BlackwaterCommand.clock(spec);
    RunContext.start(clock);
    RunContext.stage("dashboard");
    String schema = warehouse.schema();
    DashboardSnapshot snapshot = DashboardFile.create(warehouse.config(), schema, out, clock);
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
