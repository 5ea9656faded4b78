package dev.blackwater.cli.warehouse;

import dev.blackwater.cli.Composition;
import dev.blackwater.cli.TakesSettings;
import dev.blackwater.config.Setting;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Settings;
import dev.blackwater.warehouse.WarehouseSchema;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code blackwater warehouse}: the warehouse schema on its own. */
@Command(
    name = "warehouse",
    description = "The warehouse schema: migrate it, check it, or print its DDL.",
    subcommands = {
      WarehouseCommand.Migrate.class,
      WarehouseCommand.Check.class,
      WarehouseCommand.Ddl.class
    })
public final class WarehouseCommand implements Runnable {

  /** What migrate and check take: where the warehouse is, and its schema. */
  private static final List<Setting> WAREHOUSE = Settings.of(Group.WAREHOUSE, Group.AWS);

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "name a subcommand: migrate, check or ddl");
  }

  /** {@code blackwater warehouse migrate}. */
  @Command(
      name = "migrate",
      description = "Create or migrate the star schema and the pipeline's bookkeeping.")
  static final class Migrate implements Callable<Integer>, TakesSettings {
    @Spec CommandSpec spec;

    @Override
    public List<Setting> settings() {
      return WAREHOUSE;
    }

    @Override
    public Integer call() {
      WarehouseSchema target = Composition.of(spec).blackwater(spec).warehouseSchema();
      int applied = target.migrate();
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "Schema %s at %s is up to date (%d migration(s) applied).%n",
              target.schema(),
              target.database().location(),
              applied);
      return 0;
    }
  }

  /** {@code blackwater warehouse check}. */
  @Command(
      name = "check",
      description =
          "Check that a schema prepared by another team fits the star schema; change nothing.")
  static final class Check implements Callable<Integer>, TakesSettings {
    @Spec CommandSpec spec;

    @Override
    public List<Setting> settings() {
      return WAREHOUSE;
    }

    @Override
    public Integer call() {
      WarehouseSchema target = Composition.of(spec).blackwater(spec).warehouseSchema();
      target.check();
      spec.commandLine()
          .getOut()
          .printf(
              Locale.ROOT,
              "Schema %s at %s fits the star schema.%n",
              target.schema(),
              target.database().location());
      return 0;
    }
  }

  /** {@code blackwater warehouse ddl}. */
  @Command(
      name = "ddl",
      description = "Print the schema's SQL, for a team that prepares the warehouse by hand.")
  static final class Ddl implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(WarehouseSchema.ddl());
      return 0;
    }
  }
}
