package dev.blackwater.pipeline;

import dev.blackwater.Freshness;
import dev.blackwater.Stage;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.pipeline.StatusReport.FactStatus;
import dev.blackwater.pipeline.StatusReport.StageStatus;
import dev.blackwater.pipeline.StatusReport.TableStatus;
import dev.blackwater.warehouse.WarehouseSchema;
import dev.blackwater.warehouse.WarehouseState;
import dev.blackwater.warehouse.WarehouseTable;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads where the pipeline stands from the manifests of both zones, the run records, and (when
 * given) the warehouse's bookkeeping. Source timestamps are taken to be UTC. See {@link
 * StatusReport} for what is fresh as of when.
 */
public final class StatusReporter {

  /** How many recent ingestion manifests to search for a table's newest batch. */
  private static final int RECENT_BATCHES = 50;

  private final LakeStore ingestion;
  private final LakeStore processed;
  private final Optional<WarehouseSchema> warehouse;
  private final Clock clock;

  public StatusReporter(
      LakeStore ingestion, LakeStore processed, Optional<WarehouseSchema> warehouse, Clock clock) {
    this.ingestion = ingestion;
    this.processed = processed;
    this.warehouse = warehouse;
    this.clock = clock;
  }

  public StatusReport report() {
    Instant now = clock.instant();
    WarehouseFreshness freshness = new WarehouseFreshness(ingestion, processed, clock);
    BatchLog ingested = new BatchLog(ingestion);
    List<BatchId> ingestionBatches = freshness.ingestionBatches();
    List<BatchId> processedBatches = freshness.processedBatches();

    List<TableStatus> tables = tables(ingested, ingestionBatches, now);
    int transformBacklog = freshness.transformBacklog();

    List<FactStatus> facts = new ArrayList<>();
    String lastLoaded = null;
    Integer loadBacklog = null;
    if (warehouse.isPresent()) {
      WarehouseSchema schema = warehouse.get();
      try (Connection c = schema.database().open()) {
        WarehouseState state = new WarehouseState(c, schema);
        Set<String> loaded = state.loadedBatches();
        loadBacklog =
            (int) processedBatches.stream().filter(b -> !loaded.contains(b.toString())).count();
        lastLoaded =
            processedBatches.stream()
                .map(BatchId::toString)
                .filter(loaded::contains)
                .reduce((a, b) -> b)
                .orElse(null);
        if (state.hasBookkeeping()) {
          for (WarehouseTable fact : WarehouseTable.facts()) {
            String newest = state.newestVersion(fact);
            facts.add(
                new FactStatus(
                    fact.tableName(), newest, state.rows(fact), Freshness.lag(newest, now)));
          }
        }
      } catch (SQLException e) {
        throw schema.database().failure(e);
      }
    }

    RunLog processedRuns = new RunLog(processed, clock);
    RunLog.Latest extracts = freshness.extracts();
    Instant lakeFreshAsOf = freshness.lakeFreshAsOf(extracts);
    Instant warehouseFreshAsOf =
        loadBacklog == null
            ? null
            : freshness.warehouseFreshAsOf(extracts, lastLoaded, loadBacklog);
    List<StageStatus> stages =
        List.of(
            stage(Stage.EXTRACT, last(ingestionBatches), null, extracts),
            stage(
                Stage.TRANSFORM,
                last(processedBatches),
                transformBacklog,
                processedRuns.latest(Stage.TRANSFORM)),
            stage(Stage.LOAD, lastLoaded, loadBacklog, processedRuns.latest(Stage.LOAD)));
    return new StatusReport(now, lakeFreshAsOf, warehouseFreshAsOf, tables, facts, stages);
  }

  private List<TableStatus> tables(BatchLog log, List<BatchId> batches, Instant now) {
    if (batches.isEmpty()) {
      return List.of();
    }
    Manifest latest = log.read(batches.get(batches.size() - 1));
    Map<String, String> newestBatch = new LinkedHashMap<>();
    for (int i = batches.size() - 1; i >= 0 && i >= batches.size() - RECENT_BATCHES; i--) {
      Manifest m = i == batches.size() - 1 ? latest : log.read(batches.get(i));
      m.tables()
          .forEach(
              (table, entry) -> {
                if (entry.rows() > 0) {
                  newestBatch.putIfAbsent(table, m.batch());
                }
              });
      if (newestBatch.size() == latest.tables().size()) {
        break;
      }
    }
    List<TableStatus> tables = new ArrayList<>();
    latest
        .tables()
        .forEach(
            (table, entry) -> {
              String watermark = entry.watermark() == null ? null : entry.watermark().to();
              tables.add(
                  new TableStatus(
                      table, watermark, newestBatch.get(table), Freshness.lag(watermark, now)));
            });
    return tables;
  }

  private static StageStatus stage(
      Stage stage, String newest, Integer backlog, RunLog.Latest latest) {
    return new StageStatus(
        stage, newest, backlog, latest.success().orElse(null), latest.failure().orElse(null));
  }

  private static String last(List<BatchId> batches) {
    return batches.isEmpty() ? null : batches.get(batches.size() - 1).toString();
  }
}
