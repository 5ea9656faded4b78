package dev.blackwater.cli.stage;

import dev.blackwater.Stage;
import dev.blackwater.cli.TextTable;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.TableExtract;
import java.util.Locale;
import picocli.CommandLine.Command;

/** {@code blackwater extract}. */
@Command(
    name = "extract",
    description = {
      "Extract every new or changed row of the source tables into the ingestion zone, as one"
          + " committed batch read in one snapshot.",
      "Writes nothing (and exits 0) when nothing changed."
    })
public final class ExtractCommand extends StageCommand<ExtractResult> {

  public ExtractCommand() {
    super(Stage.EXTRACT, Group.SOURCE, Group.LAKE, Group.EXTRACT, Group.AWS);
  }

  @Override
  String describe(ExtractResult result) {
    if (result.nothingNew()) {
      return "Nothing new in the source"
          + result.parent().map(p -> " since batch " + p).orElse("")
          + ": no batch written.";
    }
    TextTable table =
        new TextTable("table", ">rows", ">skipped", ">bytes", ">deletion records", "watermark");
    for (TableExtract t : result.tables()) {
      table.row(
          t.table(),
          t.rows(),
          t.skipped(),
          t.bytes(),
          result.deleted().getOrDefault(t.table(), 0L),
          t.watermark());
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
