package dev.blackwater.aws.lake;

import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/**
 * The object tag that tells the bucket's lifecycle rule what to expire: an object of a batch is
 * written tagged {@code blackwater-state=uncommitted} and re-tagged {@code committed} when its
 * batch commits; a rule in terraform/modules/storage expires objects still tagged uncommitted after
 * the grace period, and the bucket policy lets nobody but the break-glass role change a committed
 * object's tag. Bookkeeping objects (manifests, claims, run records) are written untagged.
 */
public final class S3ObjectState {

  /** The tag's key. */
  public static final String TAG = "blackwater-state";

  /** Written so: no manifest names the object yet. */
  public static final String UNCOMMITTED = "uncommitted";

  /** Re-tagged so when a manifest is about to name it. */
  public static final String COMMITTED = "committed";

  private S3ObjectState() {}

  /** The {@code x-amz-tagging} header of a new object of a batch. */
  static String uncommittedHeader() {
    return TAG + "=" + UNCOMMITTED;
  }

  /** The tag set of a committed object. */
  static Tagging committed() {
    return Tagging.builder().tagSet(Tag.builder().key(TAG).value(COMMITTED).build()).build();
  }
}
