package dev.blackwater.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.blackwater.catalog.TableCatalog;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One configuration, read the same way from options, an environment or .env. */
class ConfigurationTest {

  private static final Machine SMALL = new Machine(512L << 20, 2, Path.of("/machine/tmp"));
  private static final Machine BIG = new Machine(24L << 30, 8, Path.of("/machine/tmp"));

  private static Configuration of(Map<String, String> variables) {
    return of(variables, SMALL);
  }

  private static Configuration of(Map<String, String> variables, Machine machine) {
    return new Configuration(SettingSource.environment(variables), machine);
  }

  @Test
  void nothingGivenIsTheTablesDefaultsOnThisMachine() {
    Configuration config = of(Map.of());

    ExtractSettings extract = config.extract();
    assertThat(extract.tables()).isEqualTo(TableCatalog.TOTESYS);
    assertThat(extract.schema()).isEqualTo("public");
    assertThat(extract.overlap()).isEqualTo(Duration.ofMinutes(15));
    assertThat(extract.parallelism()).isEqualTo(2);
    assertThat(extract.partBytes()).isEqualTo(64L << 20);
    assertThat(extract.acceptAddedColumns()).isFalse();
    TransformSettings transform = config.transform();
    assertThat(transform.threads()).isEqualTo(SMALL.processors());
    assertThat(transform.tempDirectory()).isEqualTo(SMALL.tempDirectory());
    assertThat(transform.maxRejectedRows()).isZero();
    LoadSettings load = config.load();
    assertThat(load.schema()).isEqualTo("public");
    assertThat(load.mode()).isEqualTo(WarehouseMode.MIGRATE);
    assertThat(load.tempDirectory()).isEqualTo(SMALL.tempDirectory());
    assertThat(config.ingestion()).isEmpty();
    assertThat(config.aws()).isEqualTo(AwsSettings.defaults());
    assertThat(config.jsonLogs()).isFalse();
    assertThat(config.debug()).isFalse();
  }

  @Test
  void gcKeepsADayByDefaultRunsDailyAndNeverTakesLessThanAnHour() {
    assertThat(of(Map.of()).gc()).isEqualTo(GcSettings.defaults());
    assertThat(GcSettings.defaults().grace()).isEqualTo(Duration.ofHours(24));
    assertThat(of(Map.of("BLACKWATER_GC_GRACE", "2d", "BLACKWATER_GC_INTERVAL", "6h")).gc())
        .isEqualTo(new GcSettings(Duration.ofDays(2), Optional.of(Duration.ofHours(6))));
    assertThat(of(Map.of("BLACKWATER_GC_INTERVAL", "off")).gc().interval()).isEmpty();
    assertThat(of(Map.of("BLACKWATER_GC_INTERVAL", "0s")).gc().interval()).isEmpty();

    assertThatThrownBy(() -> of(Map.of("BLACKWATER_GC_GRACE", "30m")).gc())
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONFIGURATION))
        .hasMessage(
            "--gc-grace (BLACKWATER_GC_GRACE): '30m' is shorter than 1h: gc could take the objects"
                + " of a run still writing them");
    assertThatThrownBy(() -> of(Map.of("BLACKWATER_GC_INTERVAL", "daily")).gc())
        .hasMessageContaining("--gc-interval (BLACKWATER_GC_INTERVAL): 'daily' is not a duration");
  }

  @Test
  void memoryAutoIsAQuarterOfTheMachineAtMost256MegabytesAndServesTransformAndLoad() {
    assertThat(of(Map.of()).memoryLimit()).isEqualTo("128MB");
    assertThat(of(Map.of(), BIG).memoryLimit()).isEqualTo("256MB");
    Configuration given = of(Map.of("BLACKWATER_MEMORY_LIMIT", "300mb"));
    assertThat(given.transform().memoryLimit()).isEqualTo("300MB");
    assertThat(given.load().memoryLimit()).isEqualTo("300MB");
  }

  @Test
  void everySettingIsReadFromItsVariable() {
    Configuration config =
        of(
            Map.ofEntries(
                Map.entry("BLACKWATER_TABLES", "address, staff"),
                Map.entry("BLACKWATER_SOURCE_SCHEMA", "ops"),
                Map.entry("BLACKWATER_OVERLAP", "5m"),
                Map.entry("BLACKWATER_PARALLELISM", "4"),
                Map.entry("BLACKWATER_PART_SIZE", "8MB"),
                Map.entry("BLACKWATER_ACCEPT_ADDED_COLUMNS", "true"),
                Map.entry("BLACKWATER_TEMP_DIR", "/work"),
                Map.entry("BLACKWATER_THREADS", "3"),
                Map.entry("BLACKWATER_MAX_REJECTED_ROWS", "7"),
                Map.entry("BLACKWATER_WAREHOUSE_SCHEMA", "dw"),
                Map.entry("BLACKWATER_WAREHOUSE_MODE", "CHECK"),
                Map.entry("BLACKWATER_AWS_REGION", "eu-west-2"),
                Map.entry("BLACKWATER_S3_ENDPOINT", "http://localhost:9000"),
                Map.entry("BLACKWATER_SECRETS_ENDPOINT", "https://secrets.example"),
                Map.entry("BLACKWATER_LOG_FORMAT", "json"),
                Map.entry("BLACKWATER_DEBUG", "yes")));

    assertThat(config.extract())
        .extracting(
            ExtractSettings::tables,
            ExtractSettings::schema,
            ExtractSettings::overlap,
            ExtractSettings::parallelism,
            ExtractSettings::partBytes,
            ExtractSettings::acceptAddedColumns)
        .containsExactly(
            List.of("address", "staff"), "ops", Duration.ofMinutes(5), 4, 8L << 20, true);
    assertThat(config.transform())
        .extracting(
            TransformSettings::tempDirectory,
            TransformSettings::threads,
            TransformSettings::maxRejectedRows)
        .containsExactly(Path.of("/work"), 3, 7L);
    assertThat(config.load())
        .extracting(LoadSettings::schema, LoadSettings::mode, LoadSettings::tempDirectory)
        .containsExactly("dw", WarehouseMode.CHECK, Path.of("/work"));
    assertThat(config.aws())
        .isEqualTo(
            new AwsSettings(
                Optional.of("eu-west-2"),
                Optional.of(URI.create("http://localhost:9000")),
                Optional.of(URI.create("https://secrets.example"))));
    assertThat(config.jsonLogs()).isTrue();
    assertThat(config.debug()).isTrue();
  }

  @Test
  void theFirstSourceWithAValueWins() {
    SettingSource flags = SettingSource.environment(Map.of("BLACKWATER_OVERLAP", "1m"));
    SettingSource environment =
        SettingSource.environment(
            Map.of("BLACKWATER_OVERLAP", "2m", "BLACKWATER_PARALLELISM", "3"));
    SettingSource dotEnv =
        SettingSource.environment(
            Map.of(
                "BLACKWATER_OVERLAP", "4m",
                "BLACKWATER_PARALLELISM", "5",
                "BLACKWATER_SOURCE_SCHEMA", "ops",
                "BLACKWATER_TEMP_DIR", " "));

    Configuration config =
        new Configuration(SettingSource.firstOf(flags, environment, dotEnv), SMALL);

    assertThat(config.extract().overlap()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.extract().parallelism()).isEqualTo(3);
    assertThat(config.extract().schema()).isEqualTo("ops");
    assertThat(config.transform().tempDirectory())
        .as("a blank value counts as none")
        .isEqualTo(SMALL.tempDirectory());
  }

  @Test
  void deletesAreLookedForEveryRunAndTenPercentAtOnceIsTheMostByDefault() {
    assertThat(of(Map.of()).extract().deletes()).isEqualTo(DeleteSettings.defaults());
    assertThat(DeleteSettings.defaults()).isEqualTo(new DeleteSettings(1, 0.10, false));
    assertThat(
            of(Map.of(
                    "BLACKWATER_KEY_CHECK_EVERY", "3",
                    "BLACKWATER_MAX_DELETE_SHARE", "0.5%",
                    "BLACKWATER_ALLOW_MASS_DELETE", "true"))
                .extract()
                .deletes())
        .isEqualTo(new DeleteSettings(3, 0.005, true));
    assertThat(of(Map.of("BLACKWATER_MAX_DELETE_SHARE", "0.25")).extract().deletes().maxShare())
        .isEqualTo(0.25);
    assertMalformed(
        "BLACKWATER_MAX_DELETE_SHARE",
        "150%",
        c -> c.extract(),
        "--max-delete-share (BLACKWATER_MAX_DELETE_SHARE): '150%' must be 0% to 100%");
    assertMalformed(
        "BLACKWATER_MAX_DELETE_SHARE", "some", c -> c.extract(), "'some' is not a share");
  }

  @Test
  void aMalformedValueIsAConfigurationErrorNamingTheOptionAndTheVariable() {
    assertMalformed(
        "BLACKWATER_OVERLAP",
        "5q",
        c -> c.extract(),
        "--overlap (BLACKWATER_OVERLAP): '5q' is not a duration");
    assertMalformed(
        "BLACKWATER_PARALLELISM", "0", c -> c.extract(), "--parallelism (BLACKWATER_PARALLELISM)");
    assertMalformed("BLACKWATER_PART_SIZE", "big", c -> c.extract(), "'big' is not a size");
    assertMalformed(
        "BLACKWATER_MEMORY_LIMIT",
        "lots",
        c -> c.transform(),
        "--memory-limit (BLACKWATER_MEMORY_LIMIT): 'lots' is not a size");
    assertMalformed("BLACKWATER_WAREHOUSE_MODE", "own", c -> c.load(), "must be migrate or check");
    assertMalformed(
        "BLACKWATER_ACCEPT_ADDED_COLUMNS", "maybe", c -> c.extract(), "must be true or false");
    assertMalformed(
        "BLACKWATER_S3_ENDPOINT", "localhost:9000", c -> c.aws(), "is not an endpoint URL");
    assertMalformed(
        "BLACKWATER_INGESTION",
        "ftp://x/y",
        c -> c.ingestion(),
        "--ingestion (BLACKWATER_INGESTION): 'ftp://x/y' is not file:///path");
    assertMalformed("BLACKWATER_PROCESSED", "file:relative", c -> c.processed(), "--processed");
    assertMalformed("BLACKWATER_LOG_FORMAT", "xml", c -> c.jsonLogs(), "must be text or json");
  }

  @Test
  void zonesArePathsFileOrS3UrisAndAMissingOneIsNamedWhenUsed() {
    Configuration config =
        of(Map.of("BLACKWATER_INGESTION", "lake/in", "BLACKWATER_PROCESSED", "s3://bucket/out"));

    PipelineConfig pipeline = config.pipeline();
    assertThat(pipeline.ingestionZone())
        .isEqualTo(Path.of("lake/in").toAbsolutePath().normalize().toUri());
    assertThat(pipeline.processedZone().getHost()).isEqualTo("bucket");
    assertThatThrownBy(() -> of(Map.of()).pipeline().processedZone())
        .isInstanceOf(BlackwaterException.class)
        .hasMessage(
            "no processed zone given: set --processed (BLACKWATER_PROCESSED) to file:///path or"
                + " s3://bucket/prefix");
  }

  @Test
  void aDatabaseIsAUrlWithCredentialsOrASecretThatWins() {
    Configuration byUrl =
        of(
            Map.of(
                "BLACKWATER_SOURCE_URL", "jdbc:postgresql://db:5432/totesys",
                "BLACKWATER_SOURCE_USER", "reader",
                "BLACKWATER_SOURCE_PASSWORD", "pw"));
    Configuration bySecret =
        of(
            Map.of(
                "BLACKWATER_SOURCE_URL", "jdbc:postgresql://ignored/x",
                "BLACKWATER_SOURCE_SECRET", "prod/totesys"));
    SecretReader secrets =
        (role, id) -> new DatabaseConfig(role, "jdbc:postgresql://from-" + id + "/t", "u", "p");

    assertThat(byUrl.source().credentials(secrets).current())
        .isEqualTo(
            new DatabaseConfig("source", "jdbc:postgresql://db:5432/totesys", "reader", "pw"));
    assertThat(bySecret.source().credentials(secrets).current().url())
        .isEqualTo("jdbc:postgresql://from-prod/totesys/t");
    assertThat(byUrl.source().toString()).doesNotContain("pw");
    assertThatThrownBy(() -> of(Map.of()).warehouse().credentials(secrets))
        .hasMessageContaining("no warehouse database given: set --warehouse-url");
    assertThatThrownBy(() -> bySecret.source().credentials(SecretReader.none()).current())
        .hasMessageContaining("no secrets store");
  }

  @Test
  void eachDatabasesTlsIsItsSslmodeAndCaBundleOrTheDriversDefault() {
    Configuration config =
        of(
            Map.of(
                "BLACKWATER_SOURCE_SSLMODE", "Verify-Full",
                "BLACKWATER_SOURCE_SSLROOTCERT", "/etc/ssl/rds.pem"));

    assertThat(config.source().tls().mode()).contains(DatabaseTls.Mode.VERIFY_FULL);
    assertThat(config.source().tls().rootCert()).contains(Path.of("/etc/ssl/rds.pem"));
    assertThat(config.source().tls().verifies()).isTrue();
    assertThat(config.warehouse().tls().mode()).isEmpty();
    assertThat(config.warehouse().tls().describe())
        .isEqualTo("sslmode prefer (the driver's default)");
    assertMalformed(
        "BLACKWATER_WAREHOUSE_SSLMODE",
        "maybe",
        Configuration::warehouse,
        "--warehouse-sslmode (BLACKWATER_WAREHOUSE_SSLMODE): 'maybe' is not an sslmode (disable,"
            + " allow, prefer, require, verify-ca, verify-full)");
  }

  private static void assertMalformed(
      String variable,
      String value,
      java.util.function.Consumer<Configuration> read,
      String message) {
    BlackwaterException e =
        catchThrowableOfType(
            BlackwaterException.class, () -> read.accept(of(Map.of(variable, value))));
    assertThat(e).as(variable + "=" + value).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(e.getMessage()).contains(message);
  }
}
