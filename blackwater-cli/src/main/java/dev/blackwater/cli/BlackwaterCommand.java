package dev.blackwater.cli;

import dev.blackwater.cli.bench.BenchCommand;
import dev.blackwater.cli.dashboard.DashboardCommand;
import dev.blackwater.cli.demo.DemoCommand;
import dev.blackwater.cli.lake.LakeCommand;
import dev.blackwater.cli.query.QueryCommand;
import dev.blackwater.cli.stage.ExtractCommand;
import dev.blackwater.cli.stage.LoadCommand;
import dev.blackwater.cli.stage.RunCommand;
import dev.blackwater.cli.stage.StatusCommand;
import dev.blackwater.cli.stage.TransformCommand;
import dev.blackwater.cli.stage.VerifyCommand;
import dev.blackwater.cli.totesys.TotesysCommand;
import dev.blackwater.cli.warehouse.WarehouseCommand;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level command: only subcommands do work. */
@Command(
    name = "blackwater",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Moves the totesys database into a star-schema warehouse through a data lake.",
    subcommands = {
      RunCommand.class,
      ExtractCommand.class,
      TransformCommand.class,
      LoadCommand.class,
      StatusCommand.class,
      VerifyCommand.class,
      LakeCommand.class,
      QueryCommand.class,
      DashboardCommand.class,
      DemoCommand.class,
      WarehouseCommand.class,
      TotesysCommand.class,
      BenchCommand.class
    },
    footer = {
      "",
      "Exit codes: see the README (0 ok, 2 usage, 3 configuration, 4 connection,",
      "5 data quality, 6 concurrency, 7 mass delete refused, 1 unexpected)."
    })
public final class BlackwaterCommand implements Runnable {

  private final Composition composition;

  BlackwaterCommand(Composition composition) {
    this.composition = composition;
  }

  /** What the commands are built from. */
  Composition composition() {
    return composition;
  }

  /**
   * The clock every command of this command line takes "now" from: {@code Main} gives the system
   * clock, tests a clock of their own.
   */
  public static Clock clock(CommandSpec spec) {
    return Composition.of(spec).clock();
  }

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a command, for example: blackwater demo");
  }
}
