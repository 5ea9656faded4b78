package dev.blackwater.aws.catalog;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.blackwater.config.Configuration;
import dev.blackwater.config.Machine;
import dev.blackwater.config.Settings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.iceberg.CatalogFactory;
import dev.blackwater.iceberg.LakeCatalog;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.testkit.S3TestServer;
import dev.blackwater.testkit.TestBucket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.aws.glue.GlueCatalog;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Glue catalog as the functions build it, without AWS: its Glue calls go to a local HTTP server
 * that records them and answers as Glue does for a table that does not exist; its S3 writes go to
 * S3Mock, which refuses a put with {@code If-None-Match: *} over an existing object, as S3 does.
 */
class GlueCatalogFactoryIT {

  private HttpServer glue;
  private final List<Map<String, String>> glueCalls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startGlue() throws IOException {
    glue = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    glue.createContext(
        "/",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            glueCalls.add(
                Map.of(
                    "target", String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target")),
                    "authorization",
                        String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
                    "body", new String(body.readAllBytes(), UTF_8)));
          }
          byte[] answer =
              "{\"__type\":\"EntityNotFoundException\",\"Message\":\"Table not found\"}"
                  .getBytes(UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
          exchange.sendResponseHeaders(400, answer.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
          }
        });
    glue.start();
  }

  @AfterEach
  void stopGlue() {
    glue.stop(0);
  }

  @Test
  void theCatalogIsIcebergsGlueCatalogOnTheGivenDatabaseRegionAndEndpoint() throws IOException {
    GlueCatalogSettings settings =
        GlueCatalogSettings.forProcessedZone(
            URI.create("s3://blackwater-processed-123456789012/"),
            "blackwater_lake",
            Optional.of("eu-west-2"),
            Optional.of(glueEndpoint()),
            Optional.empty());
    assertThat(settings.warehouse())
        .hasToString("s3://blackwater-processed-123456789012/_iceberg/");

    Catalog catalog = new GlueCatalogFactory(settings).open();
    try {
      assertThat(catalog).isInstanceOf(GlueCatalog.class);
      assertThat(catalog.name()).isEqualTo(GlueCatalogFactory.CATALOG_NAME);
      assertThat(glueCalls).as("building the catalog calls nothing").isEmpty();

      assertThat(catalog.tableExists(TableIdentifier.of("blackwater_lake", "dim_design")))
          .isFalse();
    } finally {
      ((GlueCatalog) catalog).close();
    }

    assertThat(glueCalls).isNotEmpty();
    Map<String, String> call = glueCalls.get(0);
    assertThat(call.get("target")).isEqualTo("AWSGlue.GetTable");
    assertThat(call.get("body"))
        .contains("\"DatabaseName\":\"blackwater_lake\"")
        .contains("\"Name\":\"dim_design\"");
    assertThat(call.get("authorization"))
        .as("signed for Glue in the region")
        .contains("/eu-west-2/glue/");
  }

  @Test
  void icebergsFilesAreWrittenOnlyIfAbsentAsTheZonesBucketPolicyDemands() throws IOException {
    TestBucket bucket = S3TestServer.shared().createBucket("glue-catalog");
    GlueCatalogSettings settings =
        GlueCatalogSettings.forProcessedZone(
            bucket.zone("processed"),
            "blackwater_lake",
            Optional.of("eu-west-2"),
            Optional.of(glueEndpoint()),
            Optional.of(S3TestServer.shared().endpoint()));
    GlueCatalogFactory factory = new GlueCatalogFactory(settings);
    String metadata = settings.warehouse() + "dim_design/metadata/00000-a.metadata.json";

    try (FileIO io = CatalogUtil.loadFileIO(S3FileIO.class.getName(), factory.properties(), null)) {
      write(io.newOutputFile(metadata), "{\"format-version\":2}");
      assertThat(new String(io.newInputFile(metadata).newStream().readAllBytes(), UTF_8))
          .isEqualTo("{\"format-version\":2}");

      assertThatThrownBy(() -> write(io.newOutputFile(metadata), "{\"format-version\":3}"))
          .as("a second write of the same object is refused (412)")
          .hasStackTraceContaining("412");
      assertThat(new String(io.newInputFile(metadata).newStream().readAllBytes(), UTF_8))
          .isEqualTo("{\"format-version\":2}");
    }

    // S3FileIO with its own client overwrites: what the zone's bucket policy would refuse
    Map<String, String> plain = new HashMap<>(factory.properties());
    plain.remove(org.apache.iceberg.aws.s3.S3FileIOProperties.CLIENT_FACTORY);
    try (FileIO io = CatalogUtil.loadFileIO(S3FileIO.class.getName(), plain, null)) {
      write(io.newOutputFile(metadata), "{\"format-version\":3}");
      assertThat(new String(io.newInputFile(metadata).newStream().readAllBytes(), UTF_8))
          .isEqualTo("{\"format-version\":3}");
    }
  }

  @Test
  void theSettingsComeFromTheSameTableAsEveryOther() {
    Map<String, String> environment =
        Map.of(
            Settings.GLUE_DATABASE.variable(), "staging_lake",
            Settings.PROCESSED.variable(), "s3://staging-processed/",
            Settings.AWS_REGION.variable(), "eu-west-1");
    GlueCatalogSettings settings =
        GlueCatalogSettings.from(configuration(environment)).orElseThrow();
    assertThat(settings.database()).isEqualTo("staging_lake");
    assertThat(settings.warehouse()).hasToString("s3://staging-processed/_iceberg/");
    assertThat(settings.region()).contains("eu-west-1");
    assertThat(settings.glueEndpoint()).isEmpty();

    assertThat(
            GlueCatalogSettings.from(
                configuration(Map.of(Settings.PROCESSED.variable(), "s3://p/"))))
        .as("no Glue database: no Glue catalog")
        .isEmpty();
    assertThat(
            GlueCatalogSettings.from(
                configuration(
                    Map.of(
                        Settings.PROCESSED.variable(), "s3://p/",
                        Settings.GLUE_DATABASE.variable(), " "))))
        .as("a blank one is none")
        .isEmpty();
    assertThatThrownBy(
            () ->
                GlueCatalogSettings.from(
                    configuration(
                        Map.of(
                            Settings.PROCESSED.variable(), "/tmp/lake",
                            Settings.GLUE_DATABASE.variable(), "staging_lake"))))
        .as("a local zone cannot be catalogued in Glue")
        .isInstanceOf(BlackwaterException.class)
        .hasMessageContaining(Settings.GLUE_DATABASE.variable())
        .hasMessageContaining("/tmp/lake");
  }

  @Test
  void bothCompositionRootsTakeGluesCatalogWhenADatabaseIsNamedAndTheLocalOneOtherwise(
      @TempDir Path dir) {
    LakeStore local = new LocalLakeStore(dir.resolve("processed"));
    CatalogFactory deployed =
        DeploymentCatalogs.of(
            configuration(
                Map.of(
                    Settings.PROCESSED.variable(), "s3://blackwater-processed-123456789012/",
                    Settings.GLUE_DATABASE.variable(), "blackwater_lake",
                    Settings.AWS_REGION.variable(), "eu-west-2",
                    Settings.GLUE_ENDPOINT.variable(), glueEndpoint().toString())));

    LakeCatalog glueCatalog = deployed.open(local).orElseThrow();
    assertThat(glueCatalog.catalog()).isInstanceOf(GlueCatalog.class);
    assertThat(glueCatalog.namespace()).isEqualTo(Namespace.of("blackwater_lake"));
    assertThat(deployed.open(local).orElseThrow().catalog())
        .as("built once: a second build would cost the cold start again")
        .isSameAs(glueCatalog.catalog());

    CatalogFactory laptop =
        DeploymentCatalogs.of(
            configuration(
                Map.of(Settings.PROCESSED.variable(), dir.resolve("processed").toString())));
    assertThat(laptop.open(local).orElseThrow().catalog()).isInstanceOf(JdbcCatalog.class);
  }

  private static Configuration configuration(Map<String, String> environment) {
    return new Configuration(
        setting -> Optional.ofNullable(environment.get(setting.variable())), Machine::current);
  }

  private URI glueEndpoint() {
    return URI.create("http://127.0.0.1:" + glue.getAddress().getPort());
  }

  /**
   * Writes without S3FileIO's own existence check (a HEAD first, which a racing writer defeats).
   */
  private static void write(OutputFile file, String text) {
    try (PositionOutputStream out = file.createOrOverwrite()) {
      out.write(text.getBytes(UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
