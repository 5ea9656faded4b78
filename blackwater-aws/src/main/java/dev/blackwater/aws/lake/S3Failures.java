package dev.blackwater.aws.lake;

import static dev.blackwater.error.BlackwaterException.firstLine;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Turns what the S3 client throws into one clear line naming the bucket and key. */
final class S3Failures {

  private S3Failures() {}

  /**
   * The failure of {@code action} (e.g. "read") on {@code what} (e.g. {@code s3://b/p/key}), after
   * the client's own retries.
   */
  static BlackwaterException of(SdkException e, String action, String what) {
    if (e instanceof S3Exception s3) {
      String code = s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode();
      int status = s3.statusCode();
      if (status == 403 || "AccessDenied".equals(code)) {
        return new BlackwaterException(
            ErrorCode.CONNECTION,
            "access denied to "
                + action
                + " "
                + what
                + ": check the role's or user's S3 permissions and the bucket policy",
            e);
      }
      if ("NoSuchBucket".equals(code)) {
        return new BlackwaterException(
            ErrorCode.CONNECTION, "cannot " + action + " " + what + ": no such bucket", e);
      }
      if (status == 503 || status == 429 || "SlowDown".equals(code)) {
        return new BlackwaterException(
            ErrorCode.CONNECTION,
            "S3 kept throttling requests to "
                + action
                + " "
                + what
                + " ("
                + (code.isEmpty() ? status : code)
                + ") after retrying with backoff; try again later",
            e);
      }
      return new BlackwaterException(
          ErrorCode.CONNECTION,
          "S3 refused to "
              + action
              + " "
              + what
              + ": "
              + status
              + " "
              + (code.isEmpty() ? "" : code + " ")
              + firstLine(
                  s3.awsErrorDetails() == null
                      ? s3.getMessage()
                      : s3.awsErrorDetails().errorMessage()),
          e);
    }
    if (e instanceof SdkClientException) {
      return new BlackwaterException(
          ErrorCode.CONNECTION,
          "cannot reach S3 to " + action + " " + what + ": " + firstLine(e.getMessage()),
          e);
    }
    return new BlackwaterException(
        ErrorCode.CONNECTION,
        "cannot " + action + " " + what + ": " + firstLine(e.getMessage()),
        e);
  }
}
