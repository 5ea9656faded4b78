package dev.blackwater.cli.stage;

import dev.blackwater.Stage;
import dev.blackwater.cli.TextTable;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.transform.ProcessedBatch;
import dev.blackwater.transform.TransformResult;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code blackwater transform}. */
@Command(
    name = "transform",
    description = {
      "Transform every ingestion batch not yet transformed, in order, into the warehouse's star"
          + " schema as Parquet in the processed zone: one processed batch per ingestion batch.",
      "Writes nothing (and exits 0) when every ingestion batch is already transformed."
    })
public final class TransformCommand extends StageCommand<TransformResult> {

  public TransformCommand() {
    super(Stage.TRANSFORM, Group.LAKE, Group.WORK, Group.TRANSFORM, Group.AWS);
  }

  @Override
  String describe(TransformResult result) {
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
