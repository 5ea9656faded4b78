package dev.blackwater.aws.lake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.aws.TestAws;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.extract.Extractor;
import dev.blackwater.iceberg.LakeCatalog;
import dev.blackwater.iceberg.LakeSql;
import dev.blackwater.iceberg.LakeTables;
import dev.blackwater.iceberg.SqliteCatalogs;
import dev.blackwater.lake.LakeObject;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.testkit.PostgresExtension;
import dev.blackwater.testkit.S3Extension;
import dev.blackwater.testkit.S3TestServer;
import dev.blackwater.testkit.TestBucket;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.TotesysSchema;
import dev.blackwater.transform.Transformer;
import dev.blackwater.warehouse.WarehouseTable;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Iceberg tables of an S3 processed zone (S3Mock in this JVM): the catalog's files go through
 * the zone's own store (LakeFileIO over S3LakeStore: put-if-absent, untagged as bookkeeping, so the
 * lifecycle rule for uncommitted objects never takes them), and DuckDB reads the planned files
 * fetched from S3 with the same rows as the batch's manifest counts. The catalog here is a SQLite
 * file (--catalog jdbc:sqlite:…); on AWS Glue's takes its place through the same FileIO.
 */
@ExtendWith({PostgresExtension.class, S3Extension.class})
class S3IcebergIT {

  private static S3Client s3;
  private final Clock clock = TestClock.ticking();
  @TempDir Path work;

  @BeforeAll
  static void client() {
    s3 = TestAws.clients(S3TestServer.shared().endpoint()).s3();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Test
  void aTransformCommitsToIcebergOnS3AndDuckDbReadsItsSnapshot(TestDatabase db, TestBucket bucket)
      throws Exception {
    try (Connection c = db.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, new SeedOptions(0.01, 5));
    }
    LakeStore ingestion = new S3LakeStore(s3, bucket.zone("ingestion"));
    LakeStore processed = new S3LakeStore(s3, bucket.zone("processed"));
    new Extractor(
            new DatabaseConfig("source", db.jdbcUrl(), db.user(), db.password()),
            ingestion,
            ExtractSettings.defaults().withParallelism(1),
            clock)
        .extract("extract");
    LakeTables tables =
        new LakeTables(
            new LakeCatalog(
                SqliteCatalogs.open("jdbc:sqlite:" + work.resolve("catalog.db"), processed),
                LakeCatalog.DEFAULT_NAMESPACE),
            processed,
            work);
    new Transformer(
            ingestion,
            processed,
            TransformSettings.defaults().withTempDirectory(work).withThreads(1),
            clock,
            Optional.of(tables))
        .transform("transform");

    assertThat(processed.listAll(LakeTables.PREFIX, null))
        .extracting(LakeObject::key)
        .anyMatch(k -> k.startsWith("_iceberg/blackwater/fact_sales_order/metadata/"));
    for (LakeObject o : processed.listAll(LakeTables.PREFIX, null)) {
      assertThat(
              s3.getObjectTagging(r -> r.bucket(bucket.name()).key("processed/" + o.key()))
                  .tagSet())
          .as(o.key())
          .isEmpty();
    }
    long sourceRows = db.queryLong("SELECT count(*) FROM sales_order");
    try (LakeSql lake = LakeSql.open(tables, processed, "256MB", work)) {
      assertThat(
              ((Number) lake.query("SELECT count(*) FROM fact_sales_order").rows().get(0).get(0))
                  .longValue())
          .isEqualTo(sourceRows);
    }
    assertThat(tables.currentFiles(WarehouseTable.FACT_SALES_ORDER)).isNotEmpty();
  }
}
