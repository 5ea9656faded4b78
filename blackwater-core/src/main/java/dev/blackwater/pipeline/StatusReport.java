package dev.blackwater.pipeline;

import dev.blackwater.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Where the pipeline stands.
 *
 * @param at when the report was made
 * @param tables per source table: watermark and the newest batch holding its rows
 * @param facts per fact table of the warehouse: its newest version and the freshness lag
 * @param stages per stage: newest batch, backlog, last success and failure
 */
public record StatusReport(
    Instant at, List<TableStatus> tables, List<FactStatus> facts, List<StageStatus> stages) {

  /**
   * A source table.
   *
   * @param table the table
   * @param watermark the largest {@code last_updated} in the lake
   * @param newestBatch the newest ingestion batch with rows of the table (within the recent ones)
   * @param lag now minus the watermark: how far the lake trails the table's last change
   */
  public record TableStatus(String table, String watermark, String newestBatch, Duration lag) {}

  /**
   * A fact table of the warehouse.
   *
   * @param table the table
   * @param newestVersion the newest {@code last_updated} it holds
   * @param rows fact versions it holds
   * @param freshnessLag now minus the newest version
   */
  public record FactStatus(String table, String newestVersion, long rows, Duration freshnessLag) {}

  /**
   * A stage.
   *
   * @param stage the stage
   * @param newestBatch the newest batch it produced (extract, transform) or loaded (load)
   * @param backlog batches waiting for this stage
   * @param lastSuccess the last run that ended well
   * @param lastFailure the last run that failed
   */
  public record StageStatus(
      Stage stage,
      String newestBatch,
      Integer backlog,
      RunRecord lastSuccess,
      RunRecord lastFailure) {}

  /**
   * The warehouse's freshness lag: now minus the newest version it holds in any fact table (the
   * smallest of the per-table lags), or null without a warehouse.
   */
  public Duration freshnessLag() {
    return facts.stream()
        .map(FactStatus::freshnessLag)
        .filter(java.util.Objects::nonNull)
        .min(Duration::compareTo)
        .orElse(null);
  }
}
