package dev.blackwater.pipeline;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.load.LoadResult;
import dev.blackwater.transform.TransformResult;
import java.time.Duration;

/**
 * One cycle: extract, transform, load. A stage that did not run (the cycle was stopped before it)
 * is null.
 *
 * @param runId the run
 * @param extract what extract did
 * @param transform what transform did
 * @param load what load did
 * @param duration how long the cycle took
 */
public record RunResult(
    String runId,
    ExtractResult extract,
    TransformResult transform,
    LoadResult load,
    Duration duration) {

  /** The newest {@code last_updated} the warehouse holds afterwards; null if it has none. */
  @JsonProperty
  public String newestVersion() {
    return load == null ? null : load.newestVersion();
  }

  /**
   * How far the warehouse trails the source afterwards (the cycle's end minus the start of the
   * extract it caught up with); null if unknown.
   */
  @JsonProperty
  public Duration freshnessLag() {
    return load == null ? null : load.freshnessLag();
  }

  /** Whether the cycle was stopped before it finished. */
  @JsonProperty
  public boolean stopped() {
    return load == null;
  }
}
