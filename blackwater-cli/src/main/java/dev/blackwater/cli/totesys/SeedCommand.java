package dev.blackwater.cli.totesys;

import dev.blackwater.cli.Composition;
import dev.blackwater.cli.TakesSettings;
import dev.blackwater.config.Setting;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Settings;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.SeedResult;
import dev.blackwater.totesys.Seeder;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater totesys seed}. */
@Command(
    name = "seed",
    description = {
      "Fill the empty totesys tables with generated data.",
      "Scale 1 has the real snapshot's sizes (11,187 sales orders); orders, transactions and"
          + " payments grow linearly with the scale."
    })
public final class SeedCommand implements Callable<Integer>, TakesSettings {

  @Spec CommandSpec spec;

  @Override
  public List<Setting> settings() {
    return Settings.of(Group.SOURCE, Group.AWS);
  }

  @Option(
      names = "--scale",
      defaultValue = "1",
      description = "Size (> 0; default ${DEFAULT-VALUE}).")
  double scale;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--until",
      paramLabel = "DATE",
      description = {
        "The history's last day, yyyy-mm-dd: its 530 working days end on the last weekday on or",
        "before DATE (default: the real snapshot's, 2024-11-15). The same seed and DATE always",
        "give the same rows."
      })
  LocalDate until;

  @Override
  public Integer call() {
    SeedOptions checked =
        until == null ? new SeedOptions(scale, seed) : new SeedOptions(scale, seed, until);
    SeedResult result =
        Composition.of(spec)
            .sourceDatabase(spec)
            .withConnection(connection -> new Seeder().seed(connection, checked));
    PrintWriter out = spec.commandLine().getOut();
    out.println(TableCounts.format(result.rows()));
    out.printf(
        Locale.ROOT,
        "Seeded scale %s (seed %d, history up to %s) in %.1f s.%n",
        scale,
        seed,
        checked.lastDay(),
        result.duration().toMillis() / 1000.0);
    return 0;
  }
}
