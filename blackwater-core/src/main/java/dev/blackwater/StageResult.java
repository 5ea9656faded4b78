package dev.blackwater;

import java.time.Duration;

/** What every stage's run returns: what the run log, the listeners and the JSON output read. */
public interface StageResult {

  /** The run's id. */
  String runId();

  /** Whether the run found nothing to do and wrote nothing. */
  boolean nothingNew();

  /** Rows the run wrote or loaded. */
  long rows();

  /** How long the run took. */
  Duration duration();

  /** The newest batch the run committed or loaded; null when there was nothing new. */
  String newestBatch();
}
