package dev.blackwater.cli.pipeline;

import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.cli.BlackwaterCommand;
import dev.blackwater.cli.LakeOptions;
import dev.blackwater.cli.RunContext;
import dev.blackwater.cli.TextTable;
import dev.blackwater.cli.WarehouseOptions;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.load.BatchLoadResult;
import dev.blackwater.load.LoadResult;
import dev.blackwater.pipeline.Stages;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater load}. */
@Command(
    name = "load",
    description = {
      "Load every processed batch not yet in the warehouse, in order, one transaction per batch.",
      "Applies pending schema migrations first (unless --warehouse-mode check)."
    })
public final class LoadCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin WarehouseOptions warehouse;
  @Mixin LakeOptions lake;

  @Option(
      names = "--temp-dir",
      paramLabel = "DIR",
      description = "Where Parquet is staged (default: the system temp directory).")
  Path tempDir;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Clock clock = BlackwaterCommand.clock(spec);
    String runId = RunContext.start(clock);
    RunContext.stage(Stage.LOAD);
    LoadResult result = Stages.load(warehouse.config(), lake.processed(), settings(), clock, runId);
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? ResultJson.write(result) : describe(result));
    return 0;
  }

  LoadSettings settings() {
    LoadSettings settings =
        LoadSettings.defaults().withSchema(warehouse.schema()).withMode(warehouse.mode());
    return tempDir == null ? settings : settings.withTempDirectory(tempDir);
  }

  /** The result as the terminal shows it. */
  static String describe(LoadResult result) {
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
