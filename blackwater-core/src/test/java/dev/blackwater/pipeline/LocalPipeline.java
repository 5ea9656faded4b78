package dev.blackwater.pipeline;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.DatabaseSettings;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.config.PipelineConfig;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.TotesysSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What the pipeline's integration tests run whole cycles on, as a user's laptop has it: a seeded
 * totesys, an empty warehouse (both fresh databases of the shared server) and both lake zones under
 * one local folder, which also holds the stages' temporary files.
 *
 * @param config the pipeline's configuration over them: default settings, two transform threads
 */
record LocalPipeline(TestDatabase source, TestDatabase warehouse, PipelineConfig config)
    implements AutoCloseable {

  /**
   * Creates {@code <name>_source}, seeded with {@code seed}, and {@code <name>_warehouse}, the lake
   * under {@code dir}; {@code load} takes its temp directory there.
   */
  static LocalPipeline seeded(String name, Path dir, SeedOptions seed, LoadSettings load)
      throws SQLException {
    TestDatabase source = PostgresServer.shared().createDatabase(name + "_source");
    TestDatabase warehouse = PostgresServer.shared().createDatabase(name + "_warehouse");
    try (Connection c = source.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, seed);
    }
    PipelineConfig config =
        new PipelineConfig(
            DatabaseSettings.of(db("source", source)),
            DatabaseSettings.of(db("warehouse", warehouse)),
            Optional.of(dir.resolve("ingestion").toUri()),
            Optional.of(dir.resolve("processed").toUri()),
            ExtractSettings.defaults(),
            TransformSettings.defaults().withTempDirectory(dir).withThreads(2),
            load.withTempDirectory(dir));
    return new LocalPipeline(source, warehouse, config);
  }

  /** A test database as the pipeline's configuration names one. */
  static DatabaseConfig db(String role, TestDatabase db) {
    return new DatabaseConfig(role, db.jdbcUrl(), db.user(), db.password());
  }

  /** Drops both databases. */
  @Override
  public void close() {
    source.close();
    warehouse.close();
  }
}
