package dev.blackwater.aws.handler;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.blackwater.iceberg.LakeMaintenance.Maintenance;
import java.time.Duration;
import java.util.Optional;

/**
 * What the transform function answers to the state machine's {@code {"task": "maintain"}}: whether
 * the Iceberg tables were compacted and their old snapshots expired (they are, once per {@code
 * gc-interval}, as {@code run} does), and what that did. Every field is always written, as in
 * {@link StepResult}, for the state machine's ResultSelector.
 *
 * @param task always {@value #TASK}
 * @param runId the run (the Lambda request id)
 * @param ran whether maintenance ran (false when it ran less than {@code gc-interval} ago, or the
 *     interval is {@code none})
 * @param filesReplaced small fact files compaction replaced
 * @param filesWritten the files it wrote instead
 * @param snapshotsExpired snapshots dropped from the tables' metadata
 * @param durationMs how long it took
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MaintenanceStep(
    String task,
    String runId,
    boolean ran,
    int filesReplaced,
    int filesWritten,
    int snapshotsExpired,
    long durationMs) {

  /** The task's name in the event. */
  public static final String TASK = "maintain";

  static MaintenanceStep of(String runId, Optional<Maintenance> done, Duration took) {
    return new MaintenanceStep(
        TASK,
        runId,
        done.isPresent(),
        done.map(Maintenance::filesReplaced).orElse(0),
        done.map(Maintenance::filesWritten).orElse(0),
        done.map(Maintenance::snapshotsExpired).orElse(0),
        took.toMillis());
  }
}
