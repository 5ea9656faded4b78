package dev.blackwater.pipeline;

import dev.blackwater.duckdb.DuckDbWarmUp;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.load.LoadResult;
import dev.blackwater.transform.TransformResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.slf4j.MDC;

/**
 * One cycle of the pipeline: extract, then transform, then load, each run by the {@link
 * StageRunner}. Between stages it asks whether to stop, so an interrupted cycle ends on a stage
 * boundary.
 */
public final class Pipeline {

  private final StageRunner stages;
  private final Clock clock;
  private final Path temp;

  Pipeline(StageRunner stages, Clock clock, Path temp) {
    this.stages = stages;
    this.clock = clock;
    this.temp = temp;
  }

  /** Runs one cycle; {@code stop} is asked before each stage after the first. */
  public RunResult run(String runId, BooleanSupplier stop) {
    Instant started = clock.instant();
    MDC.put("runId", runId);
    try {
      // new rows will need DuckDB: have its engine started while the extract reads them
      ExtractResult extracted = stages.extract(runId, () -> DuckDbWarmUp.start(temp));
      if (stop.getAsBoolean()) {
        return new RunResult(runId, extracted, null, null, since(started));
      }
      TransformResult transformed = stages.transform(runId);
      if (stop.getAsBoolean()) {
        return new RunResult(runId, extracted, transformed, null, since(started));
      }
      LoadResult loaded = stages.load(runId);
      return new RunResult(runId, extracted, transformed, loaded, since(started));
    } finally {
      MDC.remove("stage");
    }
  }

  private Duration since(Instant started) {
    return Duration.between(started, clock.instant());
  }
}
