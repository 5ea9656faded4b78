package dev.blackwater.cli.totesys;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code blackwater totesys}: the sample source database. */
@Command(
    name = "totesys",
    description = "The sample totesys database: create its schema, seed it, simulate activity.",
    subcommands = {CreateCommand.class, SeedCommand.class, SimulateCommand.class})
public final class TotesysCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: create, seed or simulate");
  }
}
