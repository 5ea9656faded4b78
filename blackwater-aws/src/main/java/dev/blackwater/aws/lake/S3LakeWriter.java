package dev.blackwater.aws.lake;

import dev.blackwater.lake.LakeObjectExistsException;
import dev.blackwater.lake.LakeWriter;
import dev.blackwater.pipeline.BlackwaterException;
import dev.blackwater.pipeline.ErrorCode;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams one object into S3. Content is held in memory up to one part; an object that stays within
 * it goes up with a single conditional PutObject, a larger one as a multipart upload whose
 * completion is conditional. Until then nothing is visible under the key; a discarded or failed
 * upload is aborted.
 */
final class S3LakeWriter extends LakeWriter {

  private static final Logger LOG = LoggerFactory.getLogger(S3LakeWriter.class);
  private static final int FIRST_BUFFER = 64 * 1024;

  /** Attempts of a conditional write that S3 answers with 409 ConditionalRequestConflict. */
  private static final int CONFLICT_ATTEMPTS = 3;

  private final S3Client s3;
  private final S3Location location;
  private final String s3Key;
  private final int partBytes;
  private byte[] buffer;
  private int filled;
  private String uploadId;
  private final List<CompletedPart> parts = new ArrayList<>();

  S3LakeWriter(S3Client s3, S3Location location, String key, int partBytes) {
    super(key);
    this.s3 = s3;
    this.location = location;
    this.s3Key = location.key(key);
    this.partBytes = partBytes;
    this.buffer = new byte[Math.min(FIRST_BUFFER, partBytes)];
  }

  @Override
  protected void writeContent(byte[] b, int off, int len) {
    int offset = off;
    int remaining = len;
    while (remaining > 0) {
      if (filled == partBytes) {
        uploadPart();
      }
      if (filled == buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.min(partBytes, buffer.length * 2));
      }
      int n = Math.min(remaining, buffer.length - filled);
      System.arraycopy(b, offset, buffer, filled, n);
      filled += n;
      offset += n;
      remaining -= n;
    }
  }

  @Override
  protected void publish() {
    if (uploadId == null) {
      conditionally(
          () ->
              s3.putObject(
                  r ->
                      r.bucket(location.bucket())
                          .key(s3Key)
                          .ifNoneMatch("*")
                          .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                  body()));
      return;
    }
    if (filled > 0) {
      uploadPart();
    }
    conditionally(
        () ->
            s3.completeMultipartUpload(
                r ->
                    r.bucket(location.bucket())
                        .key(s3Key)
                        .uploadId(uploadId)
                        .ifNoneMatch("*")
                        .multipartUpload(m -> m.parts(parts))));
    uploadId = null;
  }

  @Override
  protected void discard() {
    buffer = new byte[0];
    filled = 0;
    if (uploadId == null) {
      return;
    }
    String id = uploadId;
    uploadId = null;
    try {
      s3.abortMultipartUpload(r -> r.bucket(location.bucket()).key(s3Key).uploadId(id));
    } catch (SdkException e) {
      // the bucket's lifecycle rule removes incomplete uploads; nothing is visible under the key
      LOG.warn(
          "could not abort the multipart upload of {}: {}",
          location.describe(key()),
          e.getMessage());
    }
  }

  private void uploadPart() {
    try {
      if (uploadId == null) {
        uploadId =
            s3.createMultipartUpload(
                    r ->
                        r.bucket(location.bucket())
                            .key(s3Key)
                            .checksumAlgorithm(ChecksumAlgorithm.CRC32))
                .uploadId();
      }
      int number = parts.size() + 1;
      UploadPartResponse response =
          s3.uploadPart(
              r ->
                  r.bucket(location.bucket())
                      .key(s3Key)
                      .uploadId(uploadId)
                      .partNumber(number)
                      .checksumAlgorithm(ChecksumAlgorithm.CRC32),
              body());
      parts.add(
          CompletedPart.builder()
              .partNumber(number)
              .eTag(response.eTag())
              .checksumCRC32(response.checksumCRC32())
              .build());
      filled = 0;
    } catch (SdkException e) {
      throw S3Failures.of(e, "write", location.describe(key()));
    }
  }

  private RequestBody body() {
    byte[] content = buffer;
    int length = filled;
    return RequestBody.fromContentProvider(
        () -> new ByteArrayInputStream(content, 0, length), length, "application/octet-stream");
  }

  /**
   * Runs a conditional write: 412 means the key exists; 409 means a concurrent conditional write to
   * the same key was in flight, and S3 asks to try again.
   */
  private void conditionally(Supplier<?> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.get();
        return;
      } catch (S3Exception e) {
        if (e.statusCode() == 412) {
          throw new LakeObjectExistsException(location.uri().toString(), key());
        }
        if (e.statusCode() != 409) {
          throw S3Failures.of(e, "write", location.describe(key()));
        }
        if (attempt == CONFLICT_ATTEMPTS) {
          throw new BlackwaterException(
              ErrorCode.CONCURRENCY,
              location.describe(key())
                  + " is being written by another writer at the same time: S3 refused "
                  + CONFLICT_ATTEMPTS
                  + " conditional writes with 409 ConditionalRequestConflict",
              e);
        }
      } catch (SdkException e) {
        throw S3Failures.of(e, "write", location.describe(key()));
      }
    }
  }
}
