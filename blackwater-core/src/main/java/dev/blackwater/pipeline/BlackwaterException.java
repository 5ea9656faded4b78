package dev.blackwater.pipeline;

/**
 * A failure the user can act on: its message is one clear line naming the problem (never a secret),
 * its code says which kind of failure it is.
 */
public class BlackwaterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public BlackwaterException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public BlackwaterException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
