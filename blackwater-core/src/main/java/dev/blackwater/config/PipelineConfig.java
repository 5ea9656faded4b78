package dev.blackwater.config;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.util.Optional;

/**
 * Everything the stages need, parsed once at the edge ({@link Configuration}, from the command
 * line's options and environment or a Lambda function's variables). A part a command does not use
 * may be missing: asking for it then is a CONFIGURATION error naming the setting.
 *
 * @param source the totesys database
 * @param warehouse the warehouse database
 * @param ingestion the ingestion zone, if given
 * @param processed the processed zone, if given
 * @param extract how extract runs
 * @param transform how transform runs
 * @param load how load runs
 */
public record PipelineConfig(
    DatabaseSettings source,
    DatabaseSettings warehouse,
    Optional<URI> ingestion,
    Optional<URI> processed,
    ExtractSettings extract,
    TransformSettings transform,
    LoadSettings load) {

  /** The ingestion zone. */
  public URI ingestionZone() {
    return ingestion.orElseThrow(() -> missingZone(Settings.INGESTION));
  }

  /** The processed zone. */
  public URI processedZone() {
    return processed.orElseThrow(() -> missingZone(Settings.PROCESSED));
  }

  /** A copy with other zones (tests, the demo, the bench). */
  public PipelineConfig withZones(URI newIngestion, URI newProcessed) {
    return new PipelineConfig(
        source,
        warehouse,
        Optional.of(newIngestion),
        Optional.of(newProcessed),
        extract,
        transform,
        load);
  }

  private static BlackwaterException missingZone(Setting setting) {
    return new BlackwaterException(
        ErrorCode.CONFIGURATION,
        "no "
            + setting.name()
            + " zone given: set "
            + setting.names()
            + " to file:///path or s3://bucket/prefix");
  }
}
