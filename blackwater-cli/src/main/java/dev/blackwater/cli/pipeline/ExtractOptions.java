package dev.blackwater.cli.pipeline;

import dev.blackwater.cli.DurationConverter;
import dev.blackwater.cli.SizeConverter;
import dev.blackwater.config.ExtractSettings;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** How to extract: tables, overlap window, parallelism, part size. */
public final class ExtractOptions {

  @Option(
      names = "--tables",
      split = ",",
      paramLabel = "TABLE",
      description =
          "Source tables, comma-separated (default: the 11 totesys tables; env BLACKWATER_TABLES).")
  List<String> tables;

  @Option(
      names = "--source-schema",
      paramLabel = "SCHEMA",
      description = "Schema of the source tables (default public).")
  String schema;

  @Option(
      names = "--overlap",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How far below the last watermark to read again, to catch late commits (default 15m).")
  Duration overlap;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "Tables extracted at once (default 2).")
  Integer parallelism;

  @Option(
      names = "--part-size",
      paramLabel = "SIZE",
      converter = SizeConverter.class,
      description = "Compressed size above which a table's object is split (default 64MB).")
  Long partSize;

  @Option(
      names = "--accept-added-columns",
      description =
          "Accept columns added to a source table since the last batch (recorded in the manifest).")
  boolean acceptAddedColumns;

  /** The settings, defaults where not given. */
  public ExtractSettings settings() {
    ExtractSettings s = ExtractSettings.defaults();
    if (tables != null && !tables.isEmpty()) {
      s = s.withTables(tables.stream().map(String::trim).filter(t -> !t.isEmpty()).toList());
    }
    if (schema != null) {
      s = s.withSchema(schema);
    }
    if (overlap != null) {
      s = s.withOverlap(overlap);
    }
    if (parallelism != null) {
      s = s.withParallelism(parallelism);
    }
    if (partSize != null) {
      s = s.withPartBytes(partSize);
    }
    return s.withAcceptAddedColumns(acceptAddedColumns);
  }
}
