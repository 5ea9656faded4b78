package dev.blackwater.pipeline;

import dev.blackwater.Stage;
import dev.blackwater.config.PipelineConfig;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.load.LoadResult;
import dev.blackwater.transform.TransformResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.MDC;

/**
 * One cycle of the pipeline: extract, then transform, then load, each recorded in its zone's run
 * log. Between stages it asks whether to stop, so an interrupted cycle ends on a stage boundary.
 */
public final class Pipeline {

  /** Told what each stage did, as soon as it is done. */
  public interface Progress {
    /** Progress that tells no one. */
    Progress NONE =
        new Progress() {
          @Override
          public void extracted(ExtractResult result) {}

          @Override
          public void transformed(TransformResult result) {}

          @Override
          public void loaded(LoadResult result) {}
        };

    void extracted(ExtractResult result);

    void transformed(TransformResult result);

    void loaded(LoadResult result);
  }

  private final PipelineConfig config;
  private final LakeStore ingestion;
  private final LakeStore processed;
  private final Clock clock;

  public Pipeline(PipelineConfig config, Clock clock) {
    this.config = config;
    this.ingestion = LakeStores.open(config.ingestion());
    this.processed = LakeStores.open(config.processed());
    this.clock = clock;
  }

  /** Runs one cycle; {@code stop} is asked before each stage after the first. */
  public RunResult run(String runId, Progress progress, BooleanSupplier stop) {
    Instant started = clock.instant();
    MDC.put("runId", runId);
    MDC.put("stage", Stage.EXTRACT.label());
    ExtractResult extracted =
        Stages.extract(config.source(), ingestion, config.extract(), clock, runId);
    progress.extracted(extracted);
    if (stop.getAsBoolean()) {
      return new RunResult(runId, extracted, null, null, since(started), null, null);
    }
    MDC.put("stage", Stage.TRANSFORM.label());
    TransformResult transformed =
        Stages.transform(ingestion, processed, config.transform(), clock, runId);
    progress.transformed(transformed);
    if (stop.getAsBoolean()) {
      return new RunResult(runId, extracted, transformed, null, since(started), null, null);
    }
    MDC.put("stage", Stage.LOAD.label());
    LoadResult loaded = Stages.load(config.warehouse(), processed, config.load(), clock, runId);
    progress.loaded(loaded);
    MDC.remove("stage");
    String newest = loaded.newestVersion();
    return new RunResult(
        runId,
        extracted,
        transformed,
        loaded,
        since(started),
        newest,
        Freshness.lag(newest, clock.instant()));
  }

  private Duration since(Instant started) {
    return Duration.between(started, clock.instant());
  }
}
