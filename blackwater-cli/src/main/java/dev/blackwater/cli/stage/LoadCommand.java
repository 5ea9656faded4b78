package dev.blackwater.cli.stage;

import dev.blackwater.Stage;
import dev.blackwater.cli.TextTable;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.load.BatchLoadResult;
import dev.blackwater.load.LoadResult;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code blackwater load}. */
@Command(
    name = "load",
    description = {
      "Load every processed batch not yet in the warehouse, in order, one transaction per batch.",
      "Applies pending schema migrations first (unless --warehouse-mode check)."
    })
public final class LoadCommand extends StageCommand<LoadResult> {

  public LoadCommand() {
    super(Stage.LOAD, Group.WAREHOUSE, Group.LAKE, Group.WORK, Group.AWS);
  }

  @Override
  String describe(LoadResult result) {
    if (result.nothingNew()) {
      return "Nothing to load: every processed batch is in the warehouse (schema "
          + result.schema()
          + ").";
    }
    TextTable table = new TextTable("batch", "from ingestion batch", ">rows", ">seconds");
    for (BatchLoadResult b : result.batches()) {
      table.row(
          b.batch(),
          b.sourceBatch(),
          b.totalRows(),
          String.format(Locale.ROOT, "%.1f", b.duration().toMillis() / 1000.0));
    }
    return table
        + String.format(
            Locale.ROOT,
            "%nLoaded %d batch(es), %,d rows, into schema %s in %.1f s.",
            result.batches().size(),
            result.rows(),
            result.schema(),
            result.duration().toMillis() / 1000.0);
  }
}
