package dev.blackwater.aws.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeObjectExistsException;
import dev.blackwater.lake.LakeWriter;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * Streams one object into S3. Content is held in memory up to one part; an object that stays within
 * it goes up with a single conditional PutObject, a larger one as a multipart upload whose
 * completion is conditional. Until then nothing is visible under the key; a discarded or failed
 * upload is aborted.
 *
 * <p>The client retries a request whose reply was lost, and the retry of a conditional write that
 * had in fact succeeded is refused (412, or NoSuchUpload for a completed multipart upload). So a
 * refusal is checked: when the object under the key carries this writer's id ({@code
 * x-amz-meta-blackwater-writer}), the size written and the CRC32 checksum sent, it is this
 * writer's, and the write succeeded.
 */
final class S3LakeWriter extends LakeWriter {

  private static final Logger LOG = LoggerFactory.getLogger(S3LakeWriter.class);
  private static final int FIRST_BUFFER = 64 * 1024;

  /** Attempts of a conditional write that S3 answers with 409 ConditionalRequestConflict. */
  private static final int CONFLICT_ATTEMPTS = 3;

  /** User metadata naming the writer that created an object. */
  static final String WRITER_METADATA = "blackwater-writer";

  private final S3Client s3;
  private final S3Location location;
  private final String s3Key;
  private final int partBytes;
  private final String writerId;
  private final String tagging;
  private byte[] buffer;
  private int filled;
  private String uploadId;
  private final List<CompletedPart> parts = new ArrayList<>();
  private long uploaded;

  /**
   * @param writerId unique to this writer (a retry of its request carries the same id)
   * @param tagging the object's tags as an {@code x-amz-tagging} header, or null for none
   */
  S3LakeWriter(
      S3Client s3,
      S3Location location,
      String key,
      int partBytes,
      String writerId,
      String tagging) {
    super(key);
    this.s3 = s3;
    this.location = location;
    this.s3Key = location.key(key);
    this.partBytes = partBytes;
    this.writerId = writerId;
    this.tagging = tagging;
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
      long size = filled;
      String checksum = Crc32Checksums.of(buffer, 0, filled);
      conditionally(
          () ->
              s3.putObject(
                  r ->
                      r.bucket(location.bucket())
                          .key(s3Key)
                          .ifNoneMatch("*")
                          .metadata(Map.of(WRITER_METADATA, writerId))
                          .tagging(tagging)
                          .checksumCRC32(checksum),
                  body()),
          size,
          checksum);
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
                        .multipartUpload(m -> m.parts(parts))),
        uploaded,
        Crc32Checksums.composite(parts.stream().map(CompletedPart::checksumCRC32).toList()));
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
                            .metadata(Map.of(WRITER_METADATA, writerId))
                            .tagging(tagging)
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
      uploaded += filled;
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
   * Runs a conditional write of {@code size} bytes with CRC32 {@code checksum}: 412 means the key
   * exists, unless the object there is this writer's (see the class comment); 409 means a
   * concurrent conditional write to the same key was in flight, and S3 asks to try again.
   */
  private void conditionally(Supplier<?> write, long size, String checksum) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.get();
        return;
      } catch (S3Exception e) {
        if (e.statusCode() == 412 || isNoSuchUpload(e)) {
          if (isOwnObject(size, checksum)) {
            LOG.info(
                "{} was written by an earlier attempt of this request; keeping it",
                location.describe(key()));
            return;
          }
          if (e.statusCode() == 412) {
            throw new LakeObjectExistsException(location.uri().toString(), key());
          }
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

  /** Whether the object under the key is the one this writer sent. */
  private boolean isOwnObject(long size, String checksum) {
    HeadObjectResponse head;
    try {
      head =
          s3.headObject(
              r -> r.bucket(location.bucket()).key(s3Key).checksumMode(ChecksumMode.ENABLED));
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw S3Failures.of(e, "check", location.describe(key()));
    } catch (SdkException e) {
      throw S3Failures.of(e, "check", location.describe(key()));
    }
    return writerId.equals(head.metadata().get(WRITER_METADATA))
        && head.contentLength() != null
        && head.contentLength() == size
        && Crc32Checksums.matches(head.checksumCRC32(), checksum);
  }

  /**
   * A CompleteMultipartUpload whose upload is gone: completed (by an earlier attempt?) or aborted.
   */
  private static boolean isNoSuchUpload(S3Exception e) {
    return e.statusCode() == 404
        && e.awsErrorDetails() != null
        && "NoSuchUpload".equals(e.awsErrorDetails().errorCode());
  }
}
