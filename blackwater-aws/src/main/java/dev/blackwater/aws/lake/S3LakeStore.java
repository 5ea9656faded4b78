package dev.blackwater.aws.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeLayout;
import dev.blackwater.lake.LakeObject;
import dev.blackwater.lake.LakeObjectMissingException;
import dev.blackwater.lake.LakePage;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeWriter;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A lake zone in S3, {@code s3://bucket/prefix}: objects are created with put-if-absent ({@code
 * If-None-Match: *}, a 412 meaning another writer got there first), large ones streamed as a
 * multipart upload that is itself completed with {@code If-None-Match: *}; listings come one
 * ListObjectsV2 page per call. Throttling is retried with backoff by the client ({@link
 * S3Clients}). Objects of a batch are written tagged uncommitted and re-tagged committed when the
 * batch commits ({@link S3ObjectState}): the bucket's lifecycle rule expires the rest, so the
 * pipeline needs no delete rights.
 */
public final class S3LakeStore implements LakeStore {

  /** Objects re-tagged at once when a batch commits. */
  private static final int TAGGING_THREADS = 8;

  private final S3Client s3;
  private final S3Location location;
  private final S3StoreOptions options;

  /** A zone at {@code uri} ({@code s3://bucket/prefix}) with the default options. */
  public S3LakeStore(S3Client s3, URI uri) {
    this(s3, uri, S3StoreOptions.defaults());
  }

  public S3LakeStore(S3Client s3, URI uri, S3StoreOptions options) {
    this.s3 = s3;
    this.location = S3Location.of(uri);
    this.options = options;
  }

  @Override
  public URI uri() {
    return location.uri();
  }

  /** An object of a batch is written tagged uncommitted; a bookkeeping object untagged. */
  @Override
  public LakeWriter create(String key) {
    return new S3LakeWriter(
        s3,
        location,
        key,
        options.partBytes(),
        UUID.randomUUID().toString(),
        LakeLayout.isBookkeeping(key) ? null : S3ObjectState.uncommittedHeader());
  }

  /**
   * Re-tags each object committed (PutObjectTagging, a few at a time), so that the lifecycle rule
   * for uncommitted objects never expires it.
   */
  @Override
  public void markCommitted(Collection<String> keys) {
    List<String> unique = List.copyOf(new LinkedHashSet<>(keys));
    if (unique.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(TAGGING_THREADS, unique.size()));
    try {
      List<Future<?>> tagged = new ArrayList<>();
      for (String key : unique) {
        tagged.add(pool.submit(() -> markCommitted(key)));
      }
      for (Future<?> f : tagged) {
        f.get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BlackwaterException(ErrorCode.INTERNAL, "interrupted while tagging objects", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private void markCommitted(String key) {
    String s3Key = location.key(key);
    try {
      s3.putObjectTagging(
          r -> r.bucket(location.bucket()).key(s3Key).tagging(S3ObjectState.committed()));
    } catch (NoSuchKeyException e) {
      throw new LakeObjectMissingException(uri().toString(), key);
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
        throw new LakeObjectMissingException(uri().toString(), key);
      }
      throw S3Failures.of(e, "tag", location.describe(key));
    } catch (SdkException e) {
      throw S3Failures.of(e, "tag", location.describe(key));
    }
  }

  /** A lifecycle rule on the bucket expires objects still tagged uncommitted: nothing deletes. */
  @Override
  public boolean expiresUncommitted() {
    return true;
  }

  @Override
  public InputStream open(String key) {
    String s3Key = location.key(key);
    try {
      return s3.getObject(r -> r.bucket(location.bucket()).key(s3Key));
    } catch (NoSuchKeyException e) {
      throw new LakeObjectMissingException(uri().toString(), key);
    } catch (SdkException e) {
      throw S3Failures.of(e, "read", location.describe(key));
    }
  }

  @Override
  public LakePage list(String prefix, String startAfter) {
    try {
      ListObjectsV2Response page =
          s3.listObjectsV2(
              r ->
                  r.bucket(location.bucket())
                      .prefix(location.prefix() + prefix)
                      .startAfter(startAfter == null ? null : location.key(startAfter))
                      .maxKeys(options.pageSize()));
      List<LakeObject> objects =
          page.contents().stream()
              .map(o -> new LakeObject(location.lakeKey(o.key()), o.size()))
              .toList();
      return new LakePage(objects, Boolean.TRUE.equals(page.isTruncated()));
    } catch (SdkException e) {
      throw S3Failures.of(e, "list", location.describe(prefix) + "*");
    }
  }

  @Override
  public boolean exists(String key) {
    String s3Key = location.key(key);
    try {
      s3.headObject(r -> r.bucket(location.bucket()).key(s3Key));
      return true;
    } catch (NoSuchKeyException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404 && !isNoSuchBucket(e)) {
        return false; // HEAD responses have no body, so a missing key is a bare 404
      }
      throw S3Failures.of(e, "check", location.describe(key));
    } catch (SdkException e) {
      throw S3Failures.of(e, "check", location.describe(key));
    }
  }

  private static boolean isNoSuchBucket(S3Exception e) {
    return e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode());
  }

  @Override
  public String toString() {
    return uri().toString();
  }
}
