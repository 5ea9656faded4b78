package dev.blackwater.cli.totesys;

import dev.blackwater.cli.SourceOptions;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.totesys.TotesysSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code blackwater totesys create}. */
@Command(name = "create", description = "Create the 11 totesys tables in the source database.")
public final class CreateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SourceOptions source;

  @Override
  public Integer call() {
    DatabaseConfig db = source.config();
    try (Connection connection = db.open()) {
      TotesysSchema.create(connection);
    } catch (SQLException e) {
      throw db.connectionFailure(e);
    }
    spec.commandLine()
        .getOut()
        .println("Created the totesys schema (11 tables) in " + db.location() + ".");
    return 0;
  }
}
