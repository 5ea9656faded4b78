package dev.blackwater.cli.pipeline;

import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.cli.BlackwaterCommand;
import dev.blackwater.cli.LakeOptions;
import dev.blackwater.cli.RunContext;
import dev.blackwater.cli.SourceOptions;
import dev.blackwater.cli.TextTable;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.TableExtract;
import dev.blackwater.pipeline.Stages;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater extract}. */
@Command(
    name = "extract",
    description = {
      "Extract every new or changed row of the source tables into the ingestion zone, as one"
          + " committed batch read in one snapshot.",
      "Writes nothing (and exits 0) when nothing changed."
    })
public final class ExtractCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin SourceOptions source;
  @Mixin LakeOptions lake;
  @Mixin ExtractOptions options;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Clock clock = BlackwaterCommand.clock(spec);
    String runId = RunContext.start(clock);
    RunContext.stage(Stage.EXTRACT);
    ExtractResult result =
        Stages.extract(source.config(), lake.ingestion(), options.settings(), clock, runId);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(ResultJson.write(result));
    } else {
      out.println(describe(result));
    }
    return 0;
  }

  /** The result as the terminal shows it. */
  static String describe(ExtractResult result) {
    if (result.nothingNew()) {
      return "Nothing new in the source"
          + result.parent().map(p -> " since batch " + p).orElse("")
          + ": no batch written.";
    }
    TextTable table = new TextTable("table", ">rows", ">skipped", ">bytes", "watermark");
    for (TableExtract t : result.tables()) {
      table.row(t.table(), t.rows(), t.skipped(), t.bytes(), t.watermark());
    }
    return table
        + String.format(
            Locale.ROOT,
            "%nBatch %s: %,d rows, %,d bytes, in %.1f s.",
            result.batch().orElseThrow(),
            result.rows(),
            result.bytes(),
            result.duration().toMillis() / 1000.0);
  }
}
