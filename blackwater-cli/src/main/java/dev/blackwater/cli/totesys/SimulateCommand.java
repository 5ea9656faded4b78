package dev.blackwater.cli.totesys;

import dev.blackwater.cli.Composition;
import dev.blackwater.cli.TakesSettings;
import dev.blackwater.config.Setting;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Settings;
import dev.blackwater.totesys.SimulateOptions;
import dev.blackwater.totesys.SimulateResult;
import dev.blackwater.totesys.Simulator;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater totesys simulate}. */
@Command(
    name = "simulate",
    description =
        "Apply changes the way the live totesys application does (new orders, payments"
            + " paid, amendments, now and then a department rename or an address change).")
public final class SimulateCommand implements Callable<Integer>, TakesSettings {

  @Spec CommandSpec spec;

  @Override
  public List<Setting> settings() {
    return Settings.of(Group.SOURCE, Group.AWS);
  }

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
    SimulateResult result =
        Composition.of(spec)
            .sourceDatabase(spec)
            .withConnection(connection -> new Simulator().simulate(connection, checked));
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
