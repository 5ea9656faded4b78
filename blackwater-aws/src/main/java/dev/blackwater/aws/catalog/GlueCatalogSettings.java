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
   * The Glue catalog's settings when the configuration names a Glue database ({@code
   * BLACKWATER_GLUE_DATABASE}, which Terraform sets on the functions and the Fargate task) and the
   * processed zone is in S3; empty without a database. Both composition roots can ask: a present
   * answer means the zone's tables are catalogued in Glue.
   */
  public static Optional<GlueCatalogSettings> from(Configuration configuration) {
    Optional<String> database =
        configuration.text(Settings.GLUE_DATABASE).map(String::trim).filter(d -> !d.isEmpty());
    if (database.isEmpty()) {
      return Optional.empty();
    }
    URI processed =
        configuration
            .processed()
            .filter(zone -> "s3".equals(zone.getScheme()))
            .orElseThrow(
                () ->
                    new BlackwaterException(
                        ErrorCode.CONFIGURATION,
                        Settings.GLUE_DATABASE.names()
                            + " is for a processed zone in S3 (s3://bucket/prefix), not "
                            + configuration.processed().map(URI::toString).orElse("none")));
    return Optional.of(
        forProcessedZone(
            processed,
            database.get(),
            configuration.aws().region(),
            configuration.text(Settings.GLUE_ENDPOINT).map(URI::create),
            configuration.aws().s3Endpoint()));
  }
}
