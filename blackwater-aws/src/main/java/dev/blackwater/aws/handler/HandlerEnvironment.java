package dev.blackwater.aws.handler;

import dev.blackwater.aws.AwsEndpoint;
import dev.blackwater.config.Durations;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.config.WarehouseMode;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeStores;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * A handler's configuration, read once from its environment variables, which Terraform's {@code
 * modules/lambda} sets. Two other readers of the environment remain: the S3 lake store, found
 * through {@link dev.blackwater.lake.LakeStores}, reads {@code BLACKWATER_S3_ENDPOINT} itself (see
 * {@link dev.blackwater.aws.lake.S3LakeStoreProvider}), and the AWS SDK reads its own ({@code
 * AWS_REGION}, credentials).
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>{@code BLACKWATER_INGESTION}, {@code BLACKWATER_PROCESSED}</td><td>zone URIs</td></tr>
 *   <tr><td>{@code BLACKWATER_SOURCE_SECRET}</td><td>extract: the totesys secret</td></tr>
 *   <tr><td>{@code BLACKWATER_WAREHOUSE_SECRET}</td><td>load: the warehouse secret</td></tr>
 *   <tr><td>{@code BLACKWATER_WAREHOUSE_SCHEMA}</td><td>default {@code public}</td></tr>
 *   <tr><td>{@code BLACKWATER_WAREHOUSE_MODE}</td><td>{@code migrate} (default) or {@code
 *       check}</td></tr>
 *   <tr><td>{@code BLACKWATER_TABLES}</td><td>source tables, comma-separated</td></tr>
 *   <tr><td>{@code BLACKWATER_OVERLAP}</td><td>extract's overlap window, {@code 15m} or {@code
 *       PT15M}</td></tr>
 *   <tr><td>{@code BLACKWATER_MEMORY_LIMIT}</td><td>DuckDB's memory limit (default: a quarter
 *       of the function's memory)</td></tr>
 *   <tr><td>{@code BLACKWATER_TEMP_DIR}</td><td>work and spill directory (default {@code
 *       java.io.tmpdir}, {@code /tmp} on Lambda)</td></tr>
 *   <tr><td>{@code BLACKWATER_SECRETS_ENDPOINT}</td><td>a Secrets Manager compatible endpoint
 *       instead of AWS's (tests)</td></tr>
 * </table>
 */
public record HandlerEnvironment(
    URI ingestion,
    URI processed,
    Optional<String> sourceSecret,
    Optional<String> warehouseSecret,
    String warehouseSchema,
    WarehouseMode warehouseMode,
    Optional<List<String>> tables,
    Optional<Duration> overlap,
    String memoryLimit,
    Path tempDirectory,
    Optional<URI> secretsEndpoint) {

  /** Memory DuckDB may take when nothing says otherwise and Lambda does not say either. */
  static final String FALLBACK_MEMORY_LIMIT = "512MB";

  /** This process's environment. */
  public static HandlerEnvironment fromSystem() {
    return from(System::getenv, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** The configuration in {@code environment} (a variable missing or blank reads as unset). */
  public static HandlerEnvironment from(Function<String, String> environment, Path systemTemp) {
    Function<String, Optional<String>> get =
        name ->
            Optional.ofNullable(environment.apply(name))
                .map(String::trim)
                .filter(v -> !v.isEmpty());
    return new HandlerEnvironment(
        LakeStores.parse(
            "ingestion",
            get.apply("BLACKWATER_INGESTION").orElseThrow(() -> missing("BLACKWATER_INGESTION"))),
        LakeStores.parse(
            "processed",
            get.apply("BLACKWATER_PROCESSED").orElseThrow(() -> missing("BLACKWATER_PROCESSED"))),
        get.apply("BLACKWATER_SOURCE_SECRET"),
        get.apply("BLACKWATER_WAREHOUSE_SECRET"),
        get.apply("BLACKWATER_WAREHOUSE_SCHEMA").orElse("public"),
        get.apply("BLACKWATER_WAREHOUSE_MODE")
            .map(HandlerEnvironment::mode)
            .orElse(WarehouseMode.MIGRATE),
        get.apply("BLACKWATER_TABLES").map(HandlerEnvironment::tables),
        get.apply("BLACKWATER_OVERLAP").map(HandlerEnvironment::duration),
        get.apply("BLACKWATER_MEMORY_LIMIT")
            .orElseGet(() -> quarterOf(get.apply("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"))),
        get.apply("BLACKWATER_TEMP_DIR").map(Path::of).orElse(systemTemp),
        AwsEndpoint.parse(
            "BLACKWATER_SECRETS_ENDPOINT", environment.apply("BLACKWATER_SECRETS_ENDPOINT")));
  }

  /** The secret of the database playing {@code role}, which this handler cannot do without. */
  String requiredSecret(Optional<String> secret, String variable, String role) {
    return secret.orElseThrow(
        () ->
            new BlackwaterException(
                ErrorCode.CONFIGURATION,
                variable + " is not set: the " + role + " database's Secrets Manager secret"));
  }

  /** How extract runs. */
  ExtractSettings extractSettings() {
    ExtractSettings settings = ExtractSettings.defaults();
    if (tables.isPresent()) {
      settings = settings.withTables(tables.get());
    }
    return overlap.map(settings::withOverlap).orElse(settings);
  }

  /** How transform runs. */
  TransformSettings transformSettings() {
    return TransformSettings.defaults()
        .withMemoryLimit(memoryLimit)
        .withTempDirectory(tempDirectory);
  }

  /** How load runs. */
  LoadSettings loadSettings() {
    return LoadSettings.defaults()
        .withSchema(warehouseSchema)
        .withMode(warehouseMode)
        .withTempDirectory(tempDirectory)
        .withMemoryLimit(memoryLimit);
  }

  private static BlackwaterException missing(String variable) {
    return new BlackwaterException(
        ErrorCode.CONFIGURATION, variable + " is not set: the zone's location, s3://bucket/prefix");
  }

  private static WarehouseMode mode(String value) {
    try {
      return WarehouseMode.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION,
          "BLACKWATER_WAREHOUSE_MODE must be migrate or check, not '" + value + "'");
    }
  }

  private static List<String> tables(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  private static Duration duration(String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "BLACKWATER_OVERLAP " + e.getMessage());
    }
  }

  /**
   * A quarter of the function's memory: the JVM's heap, DuckDB and the page cache of the objects in
   * /tmp share it.
   */
  private static String quarterOf(Optional<String> functionMemoryMb) {
    try {
      return functionMemoryMb
          .map(mb -> Integer.parseInt(mb) / 4 + "MB")
          .orElse(FALLBACK_MEMORY_LIMIT);
    } catch (NumberFormatException e) {
      return FALLBACK_MEMORY_LIMIT;
    }
  }
}
