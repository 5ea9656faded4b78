package dev.blackwater.error;

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

  /**
   * The first non-blank line of a failure's message, for a one-line error that wraps it (drivers
   * and libraries often add lines of context); the failure's class name when it has no message.
   */
  public static String firstLine(Throwable failure) {
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getName() : firstLine(message);
  }

  /** The first non-blank line of {@code text}, stripped; "unknown error" when there is none. */
  public static String firstLine(String text) {
    if (text == null) {
      return "unknown error";
    }
    return text.lines()
        .filter(l -> !l.isBlank())
        .findFirst()
        .map(String::strip)
        .orElse("unknown error");
  }
}
