package dev.blackwater.aws.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;

/**
 * Where a lake zone lives in S3: a bucket and a key prefix that is empty or ends with {@code /}.
 * Lake keys are relative to the prefix.
 */
record S3Location(String bucket, String prefix) {

  /** Parses {@code s3://bucket} or {@code s3://bucket/some/prefix}. */
  static S3Location of(URI uri) {
    if (!"s3".equalsIgnoreCase(uri.getScheme())
        || uri.getHost() == null
        || uri.getHost().isBlank()) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "not an S3 zone: " + uri + " (expected s3://bucket/prefix)");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    String prefix = path.replaceAll("^/+", "");
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    return new S3Location(uri.getHost(), prefix);
  }

  /** The S3 key of a lake key. */
  String key(String lakeKey) {
    if (lakeKey.isEmpty() || lakeKey.startsWith("/")) {
      throw new IllegalArgumentException("not a lake key: " + lakeKey);
    }
    return prefix + lakeKey;
  }

  /** The lake key of an S3 key under the prefix. */
  String lakeKey(String s3Key) {
    return s3Key.substring(prefix.length());
  }

  /** {@code s3://bucket/prefix/}. */
  URI uri() {
    return URI.create("s3://" + bucket + "/" + prefix);
  }

  /** {@code s3://bucket/prefix/key}, for messages. */
  String describe(String lakeKey) {
    return "s3://" + bucket + "/" + prefix + lakeKey;
  }
}
