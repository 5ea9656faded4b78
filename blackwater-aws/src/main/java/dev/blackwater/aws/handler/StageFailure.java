package dev.blackwater.aws.handler;

import dev.blackwater.Stage;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;

/**
 * How a handler fails: one line naming the stage, the kind of failure and the problem, never a
 * secret. Lambda reports it as {@code errorType} and {@code errorMessage} to the state machine,
 * whose catch publishes it; it carries no stack trace and no cause (the handler's error log line
 * has both).
 */
public final class StageFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  private StageFailure(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** The failure of {@code stage} caused by {@code cause}. */
  static StageFailure of(Stage stage, RuntimeException cause) {
    ErrorCode code = ErrorCode.of(cause);
    String problem =
        cause instanceof BlackwaterException
            ? cause.getMessage()
            : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return new StageFailure(
        code, stage.label() + " failed (" + code + "): " + BlackwaterException.firstLine(problem));
  }

  /** Which kind of failure it was. */
  public ErrorCode code() {
    return code;
  }
}
