package dev.blackwater.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.Sql;
import dev.blackwater.catalog.TableCatalog;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.SimulateOptions;
import dev.blackwater.totesys.Simulator;
import dev.blackwater.totesys.TotesysSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Extract of a generated totesys: full counts, then exactly the simulated changes. */
@ExtendWith(PostgresExtension.class)
class TotesysExtractIT {

  /** One clock for everything this test runs, so its runs follow each other in time. */
  private final Clock clock = TestClock.ticking();

  @TempDir Path lakeDir;

  @Test
  void extractsEveryTableThenExactlyTheChangedVersions(TestDatabase db) throws Exception {
    try (Connection c = db.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, new SeedOptions(0.2, 11));
    }
    DatabaseConfig source = new DatabaseConfig("source", db.jdbcUrl(), db.user(), db.password());
    Extractor extractor =
        new Extractor(source, new LocalLakeStore(lakeDir), ExtractSettings.defaults(), clock);

    ExtractResult full = extractor.extract("full");

    Map<String, Long> extracted =
        full.tables().stream().collect(Collectors.toMap(TableExtract::table, TableExtract::rows));
    for (String table : TableCatalog.TOTESYS) {
      assertThat(extracted.get(table))
          .as(table)
          .isEqualTo(db.queryLong("SELECT count(*) FROM " + Sql.identifier(table)));
    }
    try (Connection c = db.connect()) {
      new Simulator().simulate(c, new SimulateOptions(200, 3));
    }

    ExtractResult changes = extractor.extract("changes");

    for (String table : TableCatalog.TOTESYS) {
      long changed =
          db.queryLong(
              "SELECT count(*) FROM "
                  + Sql.identifier(table)
                  + " WHERE last_updated > "
                  + Sql.literal(watermarkOf(full, table))
                  + "::timestamp");
      assertThat(
              changes.tables().stream()
                  .filter(t -> t.table().equals(table))
                  .findFirst()
                  .orElseThrow()
                  .rows())
          .as(table)
          .isEqualTo(changed);
    }
    assertThat(changes.rows()).isGreaterThan(200);
    Manifest latest = new BatchLog(new LocalLakeStore(lakeDir)).latest().orElseThrow();
    assertThat(latest.parent()).isEqualTo(full.batch().orElseThrow());
    assertThat(latest.tables().keySet()).containsExactlyElementsOf(TableCatalog.TOTESYS);
    assertThat(extractor.extract("again").nothingNew()).isTrue();
  }

  private static String watermarkOf(ExtractResult result, String table) {
    return result.tables().stream()
        .filter(t -> t.table().equals(table))
        .findFirst()
        .orElseThrow()
        .watermark()
        .replace('T', ' ');
  }
}
