package dev.blackwater.pipeline;

import dev.blackwater.Stage;
import dev.blackwater.config.Credentials;
import dev.blackwater.config.PipelineConfig;
import dev.blackwater.config.SecretReader;
import dev.blackwater.config.WarehouseMode;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.iceberg.CatalogFactory;
import dev.blackwater.iceberg.LakeMaintenance;
import dev.blackwater.iceberg.LakeTables;
import dev.blackwater.iceberg.SqliteCatalogs;
import dev.blackwater.lake.LakeGc;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.verify.Verifier;
import dev.blackwater.warehouse.WarehouseSchema;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline put together from one configuration and the adapters the composition root built (a
 * command line's {@code Main}, a Lambda handler's constructor): the lake zones, the databases'
 * credentials and the clock, made on first use and kept. Commands and handlers ask it for a {@link
 * StageRunner}, a {@link Pipeline} cycle, a status report or a verifier.
 */
public final class Blackwater {

  private final PipelineConfig config;
  private final LakeStores lakes;
  private final SecretReader secrets;
  private final Clock clock;
  private final CatalogFactory catalogs;
  private LakeStore ingestion;
  private Optional<LakeTables> tables;
  private LakeStore processed;
  private Credentials source;
  private Credentials warehouse;

  /** With the local Iceberg catalog: a SQLite file beside a local processed zone. */
  public Blackwater(PipelineConfig config, LakeStores lakes, SecretReader secrets, Clock clock) {
    this(config, lakes, secrets, clock, new SqliteCatalogs("auto"));
  }

  /**
   * @param catalogs opens the processed zone's Iceberg catalog (the command line: {@link
   *     SqliteCatalogs} by the setting {@code catalog}; AWS: Glue)
   */
  public Blackwater(
      PipelineConfig config,
      LakeStores lakes,
      SecretReader secrets,
      Clock clock,
      CatalogFactory catalogs) {
    this.config = config;
    this.lakes = lakes;
    this.secrets = secrets;
    this.clock = clock;
    this.catalogs = catalogs;
  }

  public PipelineConfig config() {
    return config;
  }

  public Clock clock() {
    return clock;
  }

  /** The ingestion zone. */
  public synchronized LakeStore ingestion() {
    if (ingestion == null) {
      ingestion = lakes.open(config.ingestionZone());
    }
    return ingestion;
  }

  /** The processed zone. */
  public synchronized LakeStore processed() {
    if (processed == null) {
      processed = lakes.open(config.processedZone());
    }
    return processed;
  }

  /** The processed zone's Iceberg tables, when it has a catalog. */
  public synchronized Optional<LakeTables> lakeTables() {
    if (tables == null) {
      tables =
          catalogs
              .open(processed())
              .map(c -> new LakeTables(c, processed(), config.transform().tempDirectory()));
    }
    return tables;
  }

  /** The processed zone's Iceberg tables, or a CONFIGURATION error saying there is no catalog. */
  public LakeTables requireLakeTables() {
    return lakeTables()
        .orElseThrow(
            () ->
                new BlackwaterException(
                    ErrorCode.CONFIGURATION,
                    "the processed zone "
                        + processed().uri()
                        + " has no Iceberg catalog: set --catalog (auto for a local zone, or"
                        + " jdbc:sqlite:<file>)"));
  }

  /** Compaction and snapshot expiry of the Iceberg tables, when the zone has a catalog. */
  public Optional<LakeMaintenance> lakeMaintenance() {
    return lakeTables()
        .map(
            t ->
                new LakeMaintenance(
                    t,
                    processed(),
                    clock,
                    config.transform().tempDirectory(),
                    config.transform().memoryLimit()));
  }

  /** The totesys database's credentials (read from their secret on first use). */
  public synchronized Credentials source() {
    if (source == null) {
      source = config.source().credentials(secrets);
    }
    return source;
  }

  /** The warehouse's credentials (read from their secret on first use). */
  public synchronized Credentials warehouse() {
    if (warehouse == null) {
      warehouse = config.warehouse().credentials(secrets);
    }
    return warehouse;
  }

  /**
   * Makes, now, what running {@code stage} needs (its zones and credential sources, no connection
   * and no secret read), so that a missing or malformed setting fails at start-up.
   */
  public void prepare(Stage stage) {
    switch (stage) {
      case EXTRACT -> {
        ingestion();
        source();
      }
      case TRANSFORM -> {
        ingestion();
        processed();
      }
      case LOAD -> {
        processed();
        warehouse();
      }
    }
  }

  /** Forgets credentials read so far (after a SnapStart restore nothing read before is kept). */
  public synchronized void forgetCredentials() {
    if (source != null) {
      source.forget();
    }
    if (warehouse != null) {
      warehouse.forget();
    }
  }

  /** A runner of single stages, telling {@code listener} what each did. */
  public StageRunner stages(StageListener listener) {
    return new StageRunner(this, listener);
  }

  /** The extract, transform, load cycle, telling {@code listener} what each stage did. */
  public Pipeline pipeline(StageListener listener) {
    return new Pipeline(stages(listener), clock, config.transform().tempDirectory());
  }

  /** The warehouse schema loads go into. */
  public WarehouseSchema warehouseSchema() {
    return new WarehouseSchema(warehouse().current(), config.load().schema());
  }

  /** Where the pipeline stands; the warehouse part when a warehouse is configured. */
  public StatusReporter status() {
    Optional<WarehouseSchema> schema =
        config.warehouse().configured() ? Optional.of(warehouseSchema()) : Optional.empty();
    return new StatusReporter(ingestion(), processed(), schema, clock);
  }

  /** Removes, or lists, what killed runs left in both zones, older than {@code olderThan}. */
  public LakeGc lakeGc(Duration olderThan) {
    return new LakeGc(List.of(ingestion(), processed()), clock, olderThan);
  }

  /** Reconciles source, lake and warehouse. */
  public Verifier verifier() {
    return new Verifier(
        source().current(),
        ingestion(),
        processed(),
        warehouseSchema(),
        config.load().mode() == WarehouseMode.MIGRATE);
  }
}
