package dev.blackwater.cli.pipeline;

import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.cli.BlackwaterCommand;
import dev.blackwater.cli.LakeOptions;
import dev.blackwater.cli.RunContext;
import dev.blackwater.cli.TextTable;
import dev.blackwater.pipeline.Stages;
import dev.blackwater.transform.ProcessedBatch;
import dev.blackwater.transform.TransformResult;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater transform}. */
@Command(
    name = "transform",
    description = {
      "Transform every ingestion batch not yet transformed, in order, into the warehouse's star"
          + " schema as Parquet in the processed zone: one processed batch per ingestion batch.",
      "Writes nothing (and exits 0) when every ingestion batch is already transformed."
    })
public final class TransformCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin LakeOptions lake;
  @Mixin TransformOptions options;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() {
    Clock clock = BlackwaterCommand.clock(spec);
    String runId = RunContext.start(clock);
    RunContext.stage(Stage.TRANSFORM);
    TransformResult result =
        Stages.transform(lake.ingestion(), lake.processed(), options.settings(), clock, runId);
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? ResultJson.write(result) : describe(result));
    return 0;
  }

  /** The result as the terminal shows it. */
  static String describe(TransformResult result) {
    if (result.nothingNew()) {
      return "Nothing to transform"
          + result
              .lastConsumed()
              .map(b -> ": ingestion batch " + b + " is already transformed")
              .orElse(": the ingestion zone has no batch")
          + "; no batch written.";
    }
    StringBuilder text = new StringBuilder();
    for (ProcessedBatch batch : result.batches()) {
      TextTable table = new TextTable("table", ">rows");
      batch.tables().forEach(table::row);
      text.append(table)
          .append(
              String.format(
                  Locale.ROOT,
                  "%nBatch %s from ingestion batch %s: %,d rows (%,d fact rows) in %.1f s.%n",
                  batch.batch(),
                  batch.consumed(),
                  batch.rows(),
                  batch.factRows(),
                  batch.duration().toMillis() / 1000.0));
      for (Map.Entry<String, Long> rejected : batch.rejected().entrySet()) {
        text.append(
            String.format(
                Locale.ROOT,
                "Rejected %,d %s rows: see _rejected/%s/…/%s.csv in the processed zone.%n",
                rejected.getValue(),
                rejected.getKey(),
                rejected.getKey(),
                batch.batch()));
      }
      text.append(System.lineSeparator());
    }
    text.append(
        String.format(
            Locale.ROOT,
            "Transformed %d batch%s: %,d rows, %,d fact rows, %,d rejected, in %.1f s.",
            result.batches().size(),
            result.batches().size() == 1 ? "" : "es",
            result.rows(),
            result.factRows(),
            result.rejectedRows(),
            result.duration().toMillis() / 1000.0));
    return text.toString();
  }
}
