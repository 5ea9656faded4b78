package dev.blackwater.cli.totesys;

import dev.blackwater.cli.SourceOptions;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.totesys.SimulateOptions;
import dev.blackwater.totesys.SimulateResult;
import dev.blackwater.totesys.Simulator;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater totesys simulate}. */
@Command(
    name = "simulate",
    description =
        "Apply changes the way the live totesys application does (new orders, payments"
            + " paid, amendments, now and then a department rename or an address change).")
public final class SimulateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SourceOptions source;

  @Option(
      names = "--changes",
      defaultValue = "100",
      description = "Number of changes (default ${DEFAULT-VALUE}).")
  int changes;

  @Option(
      names = "--seed",
      defaultValue = "7",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    SimulateOptions checked = new SimulateOptions(changes, seed);
    DatabaseConfig db = source.config();
    SimulateResult result;
    try (Connection connection = db.open()) {
      result = new Simulator().simulate(connection, checked);
    } catch (SQLException e) {
      throw db.connectionFailure(e);
    }
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Integer> byKind = new LinkedHashMap<>();
    result
        .changes()
        .forEach(
            (kind, n) -> byKind.put(kind.name().toLowerCase(Locale.ROOT).replace('_', ' '), n));
    out.println(TableCounts.format(byKind));
    out.printf(Locale.ROOT, "Applied %d changes.%n", result.total());
    return 0;
  }
}
