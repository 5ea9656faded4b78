package dev.blackwater.pipeline;

import dev.blackwater.Stage;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How fresh the lake and the warehouse are, read from both zones' manifests and the extract's run
 * records: as of when every change the source had is in them. Freshness is not the age of the
 * newest change: a table nobody changes for years is as fresh as the lake. {@link StatusReporter}
 * reports it, and a load reports the warehouse's lag after it (what the staleness alarm watches).
 */
final class WarehouseFreshness {

  private final LakeStore ingestion;
  private final Clock clock;
  private final BatchLog ingested;
  private final BatchLog transformed;
  private Manifest lastProcessed;
  private boolean lastProcessedRead;

  /**
   * Reads the zones when asked, and only what it is asked for: the newest batches and the ones
   * after a given batch, not whole logs (but for {@link #ingestionBatches} and {@link
   * #processedBatches}, which status lists).
   */
  WarehouseFreshness(LakeStore ingestion, LakeStore processed, Clock clock) {
    this.ingestion = ingestion;
    this.clock = clock;
    this.ingested = new BatchLog(ingestion);
    this.transformed = new BatchLog(processed);
  }

  /** Every committed ingestion batch (the whole log). */
  List<BatchId> ingestionBatches() {
    return ingested.committed();
  }

  /** Every committed processed batch (the whole log). */
  List<BatchId> processedBatches() {
    return transformed.committed();
  }

  private Optional<Manifest> lastProcessed() {
    if (!lastProcessedRead) {
      lastProcessed = transformed.latest().orElse(null);
      lastProcessedRead = true;
    }
    return Optional.ofNullable(lastProcessed);
  }

  /** Ingestion batches no processed batch has consumed yet. */
  int transformBacklog() {
    String lastConsumed =
        lastProcessed()
            .map(m -> m.consumed().isEmpty() ? null : m.consumed().get(m.consumed().size() - 1))
            .orElse(null);
    return lastConsumed == null
        ? ingested.committed().size()
        : ingested.committedAfter(BatchId.parse(lastConsumed)).size();
  }

  /** The extract's last success and failure, from its run records. */
  RunLog.Latest extracts() {
    return new RunLog(ingestion, clock).latest(Stage.EXTRACT);
  }

  /**
   * When the lake last caught up with the source: the start of the last successful extract (one
   * that found nothing new included), or of the newest ingestion batch if its record is missing or
   * older (a record is kept for a month, and an extract run outside the runner writes none). The
   * extract's snapshot is taken after it starts, so the lake holds at least every change made
   * before then. Null when no extract ever ran.
   */
  Instant lakeFreshAsOf(RunLog.Latest extracts) {
    Instant fromRuns = extracts.success().map(RunRecord::startedAt).orElse(null);
    Instant fromBatches = ingested.latestId().map(BatchId::time).orElse(null);
    if (fromRuns == null || (fromBatches != null && fromBatches.isAfter(fromRuns))) {
      return fromBatches;
    }
    return fromRuns;
  }

  /**
   * When the warehouse last caught up with the source: the lake's freshness when no batch waits for
   * transform or load, else when the extract started that made the newest batch it holds.
   *
   * @param lastLoaded the newest processed batch in the warehouse, or null
   * @param loadBacklog processed batches not in the warehouse
   */
  Instant warehouseFreshAsOf(RunLog.Latest extracts, String lastLoaded, int loadBacklog) {
    if (transformBacklog() == 0 && loadBacklog == 0) {
      return lakeFreshAsOf(extracts);
    }
    if (lastLoaded == null) {
      return null;
    }
    List<String> consumed = transformed.read(BatchId.parse(lastLoaded)).consumed();
    return consumed.isEmpty() ? null : BatchId.parse(consumed.get(consumed.size() - 1)).time();
  }

  /**
   * The warehouse's freshness right after a load that loaded every batch pending when it started,
   * {@code newestLoaded} the newest of them (null if there were none): batches transform committed
   * meanwhile wait for the next load.
   */
  Instant afterLoad(String newestLoaded) {
    String lastLoaded =
        newestLoaded != null ? newestLoaded : lastProcessed().map(Manifest::batch).orElse(null);
    int backlog =
        lastLoaded == null
            ? transformed.committed().size()
            : transformed.committedAfter(BatchId.parse(lastLoaded)).size();
    return warehouseFreshAsOf(extracts(), lastLoaded, backlog);
  }
}
