package dev.blackwater.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.blackwater.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where the pipeline stands.
 *
 * <p>Freshness is told apart from change: the lake is fresh as of the last extract that read the
 * source (one that found nothing new counts: it saw that nothing had changed), and the warehouse as
 * of the newest extract whose batches it holds. How long ago a table last changed is a fact about
 * the source, not a lag: a table nobody changes for years is as fresh as the lake.
 *
 * @param at when the report was made
 * @param lakeFreshAsOf when the last successful extract started (its run record, or the newest
 *     ingestion batch if that is newer): every change the source had then is in the lake; null
 *     before the first extract
 * @param warehouseFreshAsOf when the extract started whose batch the warehouse loaded last, or the
 *     lake's freshness when no batch waits for transform or load: every change the source had then
 *     is in the warehouse; null without a warehouse or before the first load
 * @param tables per source table: watermark, the newest batch holding its rows, its last change
 * @param facts per fact table of the warehouse: its newest version and how old it is
 * @param stages per stage: newest batch, backlog, last success and failure
 */
public record StatusReport(
    Instant at,
    Instant lakeFreshAsOf,
    Instant warehouseFreshAsOf,
    List<TableStatus> tables,
    List<FactStatus> facts,
    List<StageStatus> stages) {

  public StatusReport {
    Objects.requireNonNull(at, "at");
    tables = List.copyOf(tables);
    facts = List.copyOf(facts);
    stages = List.copyOf(stages);
  }

  /**
   * A source table.
   *
   * @param table the table
   * @param watermark the largest {@code last_updated} in the lake: the table's newest change
   * @param newestBatch the newest ingestion batch with rows of the table (within the recent ones)
   * @param lag now minus the watermark, the same as {@link #changeAge()}: the name it had before
   *     status told the lake's freshness apart, kept for scripts that read it
   * @param liveKeys keys alive in the source at the last key check, null before the first
   * @param deletedKeys keys the lake recorded as deleted from the source (and not back since), null
   *     before the first key check
   */
  public record TableStatus(
      String table,
      String watermark,
      String newestBatch,
      Duration lag,
      Long liveKeys,
      Long deletedKeys) {

    /** A table without key counts. */
    public TableStatus(String table, String watermark, String newestBatch, Duration lag) {
      this(table, watermark, newestBatch, lag, null, null);
    }

    /** How long ago the table last changed: now minus the watermark. Not a lag of the lake. */
    @JsonProperty
    public Duration changeAge() {
      return lag;
    }
  }

  /**
   * A fact table of the warehouse.
   *
   * @param table the table
   * @param newestVersion the newest {@code last_updated} it holds
   * @param rows fact versions it holds
   * @param freshnessLag now minus the newest version, the same as {@link #changeAge()}: the name it
   *     had before status told the warehouse's freshness apart, kept for scripts that read it
   */
  public record FactStatus(String table, String newestVersion, long rows, Duration freshnessLag) {

    /** How long ago the newest version it holds was made. Not a lag of the warehouse. */
    @JsonProperty
    public Duration changeAge() {
      return freshnessLag;
    }
  }

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

  /** How far the lake trails the source: {@link #at} minus {@link #lakeFreshAsOf}, or null. */
  @JsonProperty
  public Duration lakeLag() {
    return lakeFreshAsOf == null ? null : Duration.between(lakeFreshAsOf, at);
  }

  /**
   * How far the warehouse trails the source: {@link #at} minus {@link #warehouseFreshAsOf}, or
   * null.
   */
  @JsonProperty
  public Duration warehouseLag() {
    return warehouseFreshAsOf == null ? null : Duration.between(warehouseFreshAsOf, at);
  }

  /**
   * How old the newest version in any fact table is (the smallest of the per-table change ages), or
   * null without a warehouse. It grows while the source is quiet, however fresh the warehouse is:
   * {@link #warehouseLag()} is the warehouse's lag.
   */
  public Duration freshnessLag() {
    return facts.stream()
        .map(FactStatus::freshnessLag)
        .filter(Objects::nonNull)
        .min(Duration::compareTo)
        .orElse(null);
  }
}
