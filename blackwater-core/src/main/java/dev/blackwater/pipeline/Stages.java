package dev.blackwater.pipeline;

import dev.blackwater.Stage;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.Extractor;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.load.LoadResult;
import dev.blackwater.load.Loader;
import dev.blackwater.transform.TransformResult;
import dev.blackwater.transform.Transformer;
import java.time.Clock;

/**
 * Each stage run on its own, its outcome recorded in its zone's run log: what {@code blackwater
 * extract|transform|load} and a full {@link Pipeline} cycle call.
 */
public final class Stages {

  private Stages() {}

  /** One extract, recorded in the ingestion zone. */
  public static ExtractResult extract(
      DatabaseConfig source,
      LakeStore ingestion,
      ExtractSettings settings,
      Clock clock,
      String runId) {
    return new RunLog(ingestion, clock)
        .run(
            Stage.EXTRACT,
            runId,
            () -> new Extractor(source, ingestion, settings, clock).extract(runId),
            r -> r.batch().orElse(null));
  }

  /** One transform, recorded in the processed zone. */
  public static TransformResult transform(
      LakeStore ingestion,
      LakeStore processed,
      TransformSettings settings,
      Clock clock,
      String runId) {
    return new RunLog(processed, clock)
        .run(
            Stage.TRANSFORM,
            runId,
            () -> new Transformer(ingestion, processed, settings, clock).transform(runId),
            TransformResult::newestBatch);
  }

  /** One load, recorded in the processed zone. */
  public static LoadResult load(
      DatabaseConfig warehouse,
      LakeStore processed,
      LoadSettings settings,
      Clock clock,
      String runId) {
    return new RunLog(processed, clock)
        .run(
            Stage.LOAD,
            runId,
            () -> new Loader(warehouse, processed, settings, clock).load(runId),
            LoadResult::newestBatch);
  }
}
