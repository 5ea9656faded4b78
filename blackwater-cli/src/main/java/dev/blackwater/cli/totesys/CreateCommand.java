package dev.blackwater.cli.totesys;

import dev.blackwater.cli.Composition;
import dev.blackwater.cli.TakesSettings;
import dev.blackwater.config.Database;
import dev.blackwater.config.Setting;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Settings;
import dev.blackwater.totesys.TotesysSchema;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code blackwater totesys create}. */
@Command(name = "create", description = "Create the 11 totesys tables in the source database.")
public final class CreateCommand implements Callable<Integer>, TakesSettings {

  @Spec CommandSpec spec;

  @Override
  public List<Setting> settings() {
    return Settings.of(Group.SOURCE, Group.AWS);
  }

  @Override
  public Integer call() {
    Database db = Composition.of(spec).sourceDatabase(spec);
    db.withConnection(
        connection -> {
          TotesysSchema.create(connection);
          return null;
        });
    spec.commandLine()
        .getOut()
        .println("Created the totesys schema (11 tables) in " + db.location() + ".");
    return 0;
  }
}
