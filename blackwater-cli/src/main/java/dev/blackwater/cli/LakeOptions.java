package dev.blackwater.cli;

import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeStores;
import picocli.CommandLine.Option;

/** Where the two lake zones are. */
public final class LakeOptions {

  @Option(
      names = "--ingestion",
      paramLabel = "URI",
      description =
          "Ingestion zone: file:///path, a local path, or s3://bucket/prefix (env BLACKWATER_INGESTION).")
  String ingestion;

  @Option(
      names = "--processed",
      paramLabel = "URI",
      description =
          "Processed zone: file:///path, a local path, or s3://bucket/prefix (env BLACKWATER_PROCESSED).")
  String processed;

  /** The ingestion zone's location as given. */
  public String ingestionLocation() {
    return ingestion;
  }

  /** The processed zone's location as given. */
  public String processedLocation() {
    return processed;
  }

  /** The ingestion zone. */
  public LakeStore ingestion() {
    return LakeStores.open(LakeStores.parse("ingestion", ingestion));
  }

  /** The processed zone. */
  public LakeStore processed() {
    return LakeStores.open(LakeStores.parse("processed", processed));
  }
}
