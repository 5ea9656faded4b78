package dev.blackwater.pipeline;

import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.Manifest;
import dev.blackwater.warehouse.WarehouseSchema;
import dev.blackwater.warehouse.WarehouseState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a stage would take on if it ran now, read from the lake's manifests: for transform the
 * ingestion batches not yet transformed (their gzip CSV bytes), for load the processed batches not
 * yet in the warehouse (their Parquet bytes). A Lambda function measures it before it works, and
 * hands a backlog larger than it can take to the Fargate task ({@code lambda-max-backlog}).
 *
 * @param batches batches pending
 * @param bytes their objects' bytes, as their manifests record them
 */
public record Backlog(int batches, long bytes) {

  /** Ingestion batches after the one the newest processed batch consumed. */
  public static Backlog transform(LakeStore ingestion, LakeStore processed) {
    Optional<BatchId> consumed =
        new BatchLog(processed)
            .latest()
            .flatMap(
                m ->
                    m.consumed().isEmpty()
                        ? Optional.empty()
                        : Optional.of(BatchId.parse(m.consumed().get(m.consumed().size() - 1))));
    BatchLog log = new BatchLog(ingestion);
    return of(log, log.committedAfter(consumed.orElse(null)));
  }

  /** Processed batches that the warehouse's bookkeeping does not list (all, before it exists). */
  public static Backlog load(LakeStore processed, WarehouseSchema warehouse) {
    Set<String> loaded;
    try (Connection c = warehouse.database().open()) {
      loaded = new WarehouseState(c, warehouse).loadedBatches();
    } catch (SQLException e) {
      throw warehouse.database().failure(e);
    }
    BatchLog log = new BatchLog(processed);
    return of(log, log.committed().stream().filter(b -> !loaded.contains(b.toString())).toList());
  }

  private static Backlog of(BatchLog log, List<BatchId> pending) {
    long bytes = 0;
    for (BatchId batch : pending) {
      bytes += bytes(log.read(batch));
    }
    return new Backlog(pending.size(), bytes);
  }

  private static long bytes(Manifest manifest) {
    return manifest.tables().values().stream()
        .flatMap(t -> t.objects().stream())
        .mapToLong(Manifest.ObjectRef::bytes)
        .sum();
  }
}
