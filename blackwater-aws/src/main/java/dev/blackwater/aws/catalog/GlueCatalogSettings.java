package dev.blackwater.aws.catalog;

import dev.blackwater.config.Configuration;
import dev.blackwater.config.Settings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the processed zone's Iceberg tables are catalogued on AWS, given by the composition root (a
 * handler's environment, the command line's options), never read from the process.
 *
 * @param database the Glue database of the tables ({@code BLACKWATER_GLUE_DATABASE}; Terraform
 *     creates it)
 * @param warehouse where new tables' metadata goes when the database names no location: the
 *     processed zone's {@code _iceberg/}
 * @param region the region of the Glue and S3 clients, or empty for the SDK's own chain
 * @param glueEndpoint a Glue compatible endpoint instead of AWS's
 * @param s3Endpoint an S3-compatible server instead of AWS's, addressed path-style
 */
public record GlueCatalogSettings(
    String database,
    URI warehouse,
    Optional<String> region,
    Optional<URI> glueEndpoint,
    Optional<URI> s3Endpoint) {

  /** The prefix of the processed zone under which Iceberg keeps its tables' metadata. */
  public static final String ICEBERG_PREFIX = "_iceberg/";

  public GlueCatalogSettings {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(warehouse, "warehouse");
    if (!"s3".equals(warehouse.getScheme())) {
      throw new IllegalArgumentException(
          "the Glue catalog keeps its tables in S3, not at " + warehouse);
    }
  }

  /** The tables of {@code database}, their metadata under {@code _iceberg/} of the zone. */
  public static GlueCatalogSettings forProcessedZone(
      URI processedZone,
      String database,
      Optional<String> region,
      Optional<URI> glueEndpoint,
      Optional<URI> s3Endpoint) {
    String zone = processedZone.toString();
    URI warehouse = URI.create((zone.endsWith("/") ? zone : zone + "/") + ICEBERG_PREFIX);
    return new GlueCatalogSettings(database, warehouse, region, glueEndpoint, s3Endpoint);
  }

  /**
   * The Glue catalog's settings for the configured processed zone, when it is in S3 (the zone a
   * Glue catalog can hold): its Glue database ({@code BLACKWATER_GLUE_DATABASE}, which Terraform
   * sets), region and endpoints. Empty for a local zone. Whether the pipeline uses Glue is the
   * composition root's choice (the functions and the Fargate task: always, on AWS).
   */
  public static Optional<GlueCatalogSettings> from(Configuration configuration) {
    Optional<URI> processed = configuration.processed();
    if (processed.isEmpty() || !"s3".equals(processed.get().getScheme())) {
      return Optional.empty();
    }
    String database =
        configuration
            .text(Settings.GLUE_DATABASE)
            .map(String::trim)
            .filter(d -> !d.isEmpty())
            .orElseThrow(
                () ->
                    new BlackwaterException(
                        ErrorCode.CONFIGURATION,
                        "the Glue catalog needs a database: set "
                            + Settings.GLUE_DATABASE.names()));
    return Optional.of(
        forProcessedZone(
            processed.get(),
            database,
            configuration.aws().region(),
            configuration.text(Settings.GLUE_ENDPOINT).map(URI::create),
            configuration.aws().s3Endpoint()));
  }
}
