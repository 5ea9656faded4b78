package dev.blackwater.aws.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;

/**
 * How an {@link S3LakeStore} talks to S3.
 *
 * @param partBytes bytes a writer keeps in memory: smaller objects go up in one PutObject, larger
 *     ones as a multipart upload of parts this size (S3's minimum part is 5 MiB)
 * @param pageSize objects per listing page (1 to 1000, S3's maximum)
 */
public record S3StoreOptions(int partBytes, int pageSize) {

  /** S3's smallest part but the last. */
  public static final int MIN_PART_BYTES = 5 * 1024 * 1024;

  public S3StoreOptions {
    if (partBytes < MIN_PART_BYTES) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "the S3 part size must be at least 5 MiB, got " + partBytes);
    }
    if (pageSize < 1 || pageSize > 1000) {
      throw new BlackwaterException(
          ErrorCode.CONFIGURATION, "the S3 page size must be 1 to 1000, got " + pageSize);
    }
  }

  /** 8 MiB parts (a writer holds at most that), 1000 keys per page. */
  public static S3StoreOptions defaults() {
    return new S3StoreOptions(8 * 1024 * 1024, 1000);
  }
}
