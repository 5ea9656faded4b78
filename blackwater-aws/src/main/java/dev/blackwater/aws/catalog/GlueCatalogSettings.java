package dev.blackwater.aws.catalog;

import dev.blackwater.config.Configuration;
import dev.blackwater.config.Settings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.util.Locale;
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
   * The Glue catalog's settings when {@code --catalog} is {@code glue} ({@code BLACKWATER_CATALOG},
   * as Terraform sets it), else empty (the local catalog, core's).
   */
  public static Optional<GlueCatalogSettings> from(Configuration configuration) {
    String catalog =
        configuration.text(Settings.CATALOG).orElse("local").trim().toLowerCase(Locale.ROOT);
    if (catalog.equals("local")) {
      return Optional.empty();
    }
    if (!catalog.equals("glue")) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          Settings.CATALOG.names() + " must be local or glue, not '" + catalog + "'");
    }
    URI processed =
        configuration
            .processed()
            .orElseThrow(
                () ->
                    new BlackwaterException(
                        ErrorCode.CONFIGURATION,
                        "the Glue catalog needs the processed zone: set "
                            + Settings.PROCESSED.names()));
    return Optional.of(
        forProcessedZone(
            processed,
            configuration.text(Settings.GLUE_DATABASE).orElseThrow(),
            configuration.aws().region(),
            configuration.text(Settings.GLUE_ENDPOINT).map(URI::create),
            configuration.aws().s3Endpoint()));
  }
}
