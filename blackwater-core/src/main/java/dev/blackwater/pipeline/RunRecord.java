package dev.blackwater.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.blackwater.Stage;
import dev.blackwater.error.ErrorCode;
import java.time.Instant;

/**
 * How one run of one stage ended, kept beside the data so that {@code status} can tell the last
 * success and the last failure. Not data: no stage reads it.
 *
 * @param stage the stage
 * @param runId the run
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param outcome {@code success}, {@code nothing-new} or {@code failure}
 * @param batch the batch it committed (or loaded last), if any
 * @param error the failure kind, for failures
 * @param message the failure's message, for failures
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRecord(
    Stage stage,
    String runId,
    Instant startedAt,
    Instant finishedAt,
    String outcome,
    String batch,
    ErrorCode error,
    String message) {

  public static final String SUCCESS = "success";
  public static final String NOTHING_NEW = "nothing-new";
  public static final String FAILURE = "failure";
}
