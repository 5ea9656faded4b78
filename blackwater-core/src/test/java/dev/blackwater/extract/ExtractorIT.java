package dev.blackwater.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.catalog.Column;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.CsvCodec;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.lake.Manifest.ObjectRef;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;

/** Extract against a real PostgreSQL, on small hand-made tables. */
@ExtendWith(PostgresExtension.class)
class ExtractorIT {

  /** One clock for everything this test runs, so its runs follow each other in time. */
  private final Clock clock = TestClock.ticking();

  @TempDir Path lakeDir;
  private TestDatabase db;
  private LakeStore lake;

  @BeforeEach
  void schema(TestDatabase db) {
    this.db = db;
    this.lake = new LocalLakeStore(lakeDir);
    db.execute(
        """
        DROP TABLE IF EXISTS item, item_copy, fidelity, fidelity_copy, keyless, pair CASCADE;
        CREATE TABLE item (
          item_id int PRIMARY KEY,
          name varchar NOT NULL,
          created_at timestamp NOT NULL DEFAULT localtimestamp,
          last_updated timestamp NOT NULL DEFAULT localtimestamp);
        CREATE TABLE fidelity (
          id int PRIMARY KEY,
          txt varchar,
          amount numeric,
          flag boolean,
          at timestamp,
          last_updated timestamp NOT NULL);
        CREATE TABLE keyless (v int, last_updated timestamp);
        CREATE TABLE pair (
          code varchar,
          part int,
          last_updated timestamp,
          PRIMARY KEY (code, part));
        """);
  }

  private Extractor extractor(ExtractSettings settings) {
    return new Extractor(config(), lake, settings, clock);
  }

  private DatabaseConfig config() {
    return new DatabaseConfig("source", db.jdbcUrl(), db.user(), db.password());
  }

  private static ExtractSettings only(String... tables) {
    return ExtractSettings.defaults().withTables(List.of(tables));
  }

  @Test
  void csvKeepsNullsEmptyStringsQuotesNewlinesNonAsciiScaleAndMilliseconds() throws Exception {
    db.execute(
        """
        INSERT INTO fidelity VALUES
          (1, NULL, 2.50, true, '2024-01-02 03:04:05.678', '2024-01-02 03:04:05.678'),
          (2, '', 1.000, false, '2024-01-02 03:04:05', '2024-01-02 03:04:06.1'),
          (3, 'O''Keefe, "Jr"', 0.01, NULL, NULL, '2024-01-02 03:04:07.999'),
          (4, E'line one\\nline two\\r\\nthree', 123456789.123456, true, NULL, '2024-01-02 03:04:08'),
          (5, 'Zoë Müller — 東京 🚀', -3, false, '1999-12-31 23:59:59.999', '2024-01-02 03:04:09.5'),
          (6, '\\N', 0, true, NULL, '2024-01-02 03:04:10.25'),
          (7, ',', NULL, true, NULL, '2024-01-02 03:04:11')
        """);

    ExtractResult result = extractor(only("fidelity")).extract("run-1");

    assertThat(result.rows()).isEqualTo(7);
    Manifest manifest = new BatchLog(lake).latest().orElseThrow();
    Manifest.Table table = manifest.tables().get("fidelity");
    assertThat(table.columns())
        .extracting(Column::type)
        .containsExactly(
            "integer",
            "character varying",
            "numeric",
            "boolean",
            "timestamp without time zone",
            "timestamp without time zone");
    assertThat(table.watermark().to()).isEqualTo("2024-01-02T03:04:11.000000");
    db.execute("CREATE TABLE fidelity_copy (LIKE fidelity)");
    copyBack(table.objects(), "fidelity_copy");
    assertThat(
            db.queryLong(
                "SELECT count(*) FROM ((SELECT * FROM fidelity EXCEPT ALL SELECT * FROM fidelity_copy)"
                    + " UNION ALL (SELECT * FROM fidelity_copy EXCEPT ALL SELECT * FROM fidelity)) d"))
        .isZero();
    assertThat(db.queryString("SELECT amount::text FROM fidelity_copy WHERE id = 2"))
        .isEqualTo("1.000");
    assertThat(db.queryLong("SELECT count(*) FROM fidelity_copy WHERE txt IS NULL")).isEqualTo(1);
    assertThat(db.queryLong("SELECT count(*) FROM fidelity_copy WHERE txt = ''")).isEqualTo(1);
  }

  @Test
  void extractsOnlyNewVersionsAndWritesNoBatchWhenNothingChanged() throws Exception {
    db.execute(
        "INSERT INTO item (item_id, name, last_updated) SELECT g, 'item ' || g,"
            + " localtimestamp - interval '2 days' + g * interval '1 second' FROM generate_series(1, 500) g");
    Extractor extractor = extractor(only("item"));

    ExtractResult first = extractor.extract("r1");
    db.execute(
        "UPDATE item SET name = name || ' v2', last_updated = clock_timestamp() WHERE item_id <= 10");
    db.execute("INSERT INTO item (item_id, name) VALUES (501, 'new')");
    ExtractResult second = extractor.extract("r2");
    ExtractResult third = extractor.extract("r3");

    assertThat(first.rows()).isEqualTo(500);
    assertThat(second.rows()).isEqualTo(11);
    assertThat(second.parent()).isEqualTo(first.batch());
    assertThat(third.nothingNew()).isTrue();
    assertThat(new BatchLog(lake).committed()).hasSize(2);
    Manifest m2 = new BatchLog(lake).latest().orElseThrow();
    assertThat(m2.tables().get("item").watermark().from())
        .isEqualTo(first.tables().get(0).watermark());
    db.execute("CREATE TABLE item_copy (LIKE item)");
    copyBack(m2.tables().get("item").objects(), "item_copy");
    assertThat(
            db.queryLong("SELECT count(*) FROM item_copy WHERE name LIKE '% v2' OR item_id = 501"))
        .isEqualTo(11);
  }

  @Test
  void readsTheOverlapWindowAgainWithoutStoringAVersionTwice() {
    db.execute("INSERT INTO item (item_id, name) SELECT g, 'x' FROM generate_series(1, 50) g");
    Extractor extractor = extractor(only("item").withOverlap(Duration.ofHours(1)));

    ExtractResult first = extractor.extract("r1");
    db.execute("INSERT INTO item (item_id, name) VALUES (51, 'late')");
    ExtractResult second = extractor.extract("r2");
    ExtractResult third = extractor.extract("r3");

    assertThat(first.rows()).isEqualTo(50);
    assertThat(second.rows()).isEqualTo(1);
    assertThat(second.tables().get(0).skipped()).isEqualTo(50);
    assertThat(third.nothingNew()).isTrue();
    Manifest.Table entry = new BatchLog(lake).latest().orElseThrow().tables().get("item");
    assertThat(entry.overlap().versions()).hasSize(51);
  }

  @Test
  void wideningTheOverlapWindowNeverStoresAVersionTwice() {
    db.execute(
        "INSERT INTO item (item_id, name, last_updated) VALUES"
            + " (1, 'a', localtimestamp - interval '50 minutes'),"
            + " (2, 'b', localtimestamp - interval '40 minutes'),"
            + " (3, 'c', localtimestamp - interval '5 minutes')");

    ExtractResult narrow =
        extractor(only("item").withOverlap(Duration.ofMinutes(15))).extract("r1");
    ExtractResult wide1 = extractor(only("item").withOverlap(Duration.ofMinutes(60))).extract("r2");
    ExtractResult wide2 = extractor(only("item").withOverlap(Duration.ofMinutes(60))).extract("r3");

    assertThat(narrow.rows()).isEqualTo(3);
    assertThat(wide1.nothingNew()).isTrue();
    assertThat(wide2.nothingNew()).isTrue();
  }

  @Test
  void theServerFindsTheVersionsOfACompositeTextKeyInTheWindowAsTheManifestRecordsThem() {
    db.execute(
        "INSERT INTO pair VALUES ('a,\"b\"', 1, localtimestamp - interval '1 minute'),"
            + " ('c', 2, localtimestamp - interval '2 minutes')");
    Extractor extractor = extractor(only("pair").withOverlap(Duration.ofHours(1)));

    ExtractResult first = extractor.extract("r1");
    db.execute("INSERT INTO pair VALUES ('d', 3, localtimestamp)");
    ExtractResult second = extractor.extract("r2");
    ExtractResult third = extractor.extract("r3");

    assertThat(first.rows()).isEqualTo(2);
    Manifest.Table entry = new BatchLog(lake).latest().orElseThrow().tables().get("pair");
    assertThat(entry.overlap().versions())
        .hasSize(3)
        .anySatisfy(v -> assertThat(v).startsWith("a,\"b\",1|"));
    assertThat(second.rows()).isEqualTo(1);
    assertThat(second.tables().get(0).skipped()).isEqualTo(2);
    assertThat(third.nothingNew()).isTrue();
  }

  @Test
  void aRowWithoutALastUpdatedFailsTheExtractNamingTheTable() {
    db.execute("ALTER TABLE item ALTER COLUMN last_updated DROP NOT NULL");
    db.execute("INSERT INTO item (item_id, name, last_updated) VALUES (1, 'a', NULL)");

    assertThatThrownBy(() -> extractor(only("item")).extract("r"))
        .isInstanceOfSatisfying(
            BlackwaterException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_QUALITY))
        .hasMessageContaining("item has 1 rows without a last_updated");
    assertThat(lake.listAll("", null)).isEmpty();
  }

  @Test
  void aRunOverFewerTablesKeepsTheOthersWatermarks() {
    db.execute("INSERT INTO item (item_id, name) VALUES (1, 'a')");
    db.execute(
        "INSERT INTO fidelity VALUES (1, 'x', 1.5, true, NULL, localtimestamp - interval '1 day')");
    extractor(only("item", "fidelity")).extract("both");
    db.execute("INSERT INTO item (item_id, name) VALUES (2, 'b')");

    ExtractResult onlyItem = extractor(only("item")).extract("one");
    ExtractResult both = extractor(only("item", "fidelity")).extract("both-again");

    assertThat(onlyItem.rows()).isEqualTo(1);
    assertThat(new BatchLog(lake).latest().orElseThrow().tables()).containsKeys("item", "fidelity");
    assertThat(both.nothingNew()).isTrue();
  }

  @Test
  void catchesARowCommittedLateWithAnOlderLastUpdated() throws Exception {
    Extractor extractor = extractor(only("item"));
    try (Connection slow = db.connect()) {
      slow.setAutoCommit(false);
      try (Statement s = slow.createStatement()) {
        s.execute(
            "INSERT INTO item (item_id, name, last_updated) VALUES (1, 'slow', clock_timestamp())");
      }
      Thread.sleep(20);
      db.execute(
          "INSERT INTO item (item_id, name, last_updated) VALUES (2, 'fast', clock_timestamp())");

      ExtractResult before = extractor.extract("r1");
      slow.commit();
      assertThat(before.rows()).isEqualTo(1);
    }
    ExtractResult after = extractor.extract("r2");
    ExtractResult again = extractor.extract("r3");

    assertThat(after.rows()).isEqualTo(1);
    assertThat(after.tables().get(0).skipped()).isEqualTo(1);
    assertThat(again.nothingNew()).isTrue();
  }

  @Test
  void splitsLargeTablesIntoPartsEachWithAHeader() throws Exception {
    db.execute(
        "INSERT INTO item (item_id, name) SELECT g, md5(g::text) || md5((g * 7)::text)"
            + " FROM generate_series(1, 20000) g");

    extractor(only("item").withPartBytes(64 * 1024)).extract("r1");

    Manifest.Table entry = new BatchLog(lake).latest().orElseThrow().tables().get("item");
    assertThat(entry.objects()).hasSizeGreaterThan(3);
    assertThat(entry.objects()).extracting(ObjectRef::rows).allMatch(r -> r > 0);
    assertThat(entry.objects().stream().mapToLong(ObjectRef::rows).sum()).isEqualTo(20000);
    assertThat(entry.objects().get(1).key()).endsWith(".part-00002.csv.zst");
    assertThat(entry.codec()).isEqualTo("zstd");
    db.execute("CREATE TABLE item_copy (LIKE item)");
    copyBack(entry.objects(), "item_copy");
    assertThat(db.queryLong("SELECT count(DISTINCT item_id) FROM item_copy")).isEqualTo(20000);
  }

  @Test
  void failsNamingAMissingTableOrAKeylessOneAndWritesNothing() {
    assertThatThrownBy(() -> extractor(only("item", "nosuch")).extract("r"))
        .isInstanceOf(BlackwaterException.class)
        .hasMessageContaining("public.nosuch is missing");
    assertThatThrownBy(() -> extractor(only("keyless")).extract("r"))
        .hasMessageContaining("keyless has no primary key");
    assertThat(lake.listAll("", null)).isEmpty();
  }

  @Test
  void refusesChangedColumnsUnlessTheUserAcceptsAddedOnes() {
    db.execute("INSERT INTO item (item_id, name) VALUES (1, 'a')");
    extractor(only("item")).extract("r1");
    db.execute("ALTER TABLE item ADD COLUMN colour varchar");
    db.execute("INSERT INTO item (item_id, name, colour) VALUES (2, 'b', 'red')");

    assertThatThrownBy(() -> extractor(only("item")).extract("r2"))
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.DATA_QUALITY))
        .hasMessageContaining("added [colour character varying]");
    assertThat(new BatchLog(lake).committed()).hasSize(1);

    ExtractResult accepted = extractor(only("item").withAcceptAddedColumns(true)).extract("r3");
    assertThat(accepted.rows()).isEqualTo(1);
    assertThat(new BatchLog(lake).latest().orElseThrow().tables().get("item").addedColumns())
        .containsExactly("colour character varying");
  }

  @Test
  void wrongCredentialsAreAConnectionFailureWithoutThePassword() {
    DatabaseConfig wrong = new DatabaseConfig("source", db.jdbcUrl(), "nobody", "s3cret-pw");
    Extractor extractor = new Extractor(wrong, lake, only("item"), clock);
    assertThatThrownBy(() -> extractor.extract("r"))
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONNECTION))
        .message()
        .doesNotContain("s3cret-pw");
  }

  private void copyBack(List<ObjectRef> objects, String table) throws Exception {
    try (Connection c = db.connect()) {
      for (ObjectRef object : objects) {
        try (InputStream in = CsvCodec.ZSTD.decompress(lake.open(object.key()))) {
          long rows =
              c.unwrap(PGConnection.class)
                  .getCopyAPI()
                  .copyIn("COPY " + table + " FROM STDIN (FORMAT csv, HEADER)", in);
          assertThat(rows).isEqualTo(object.rows());
        }
      }
    }
  }
}
