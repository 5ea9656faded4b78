package dev.blackwater.aws.lake;

import dev.blackwater.aws.TestAws;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeStoreContract;
import dev.blackwater.testkit.S3TestServer;
import dev.blackwater.testkit.TestBucket;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * S3LakeStore keeps the lake store contract, against S3Mock in this JVM. Each store is a zone,
 * {@code s3://<new bucket>/zone/}, with 5 MiB parts (so the contract's large objects go up in three
 * parts), beside an object in {@code zone-neighbour/}, which no listing of the zone may show.
 */
class S3LakeStoreContractIT extends LakeStoreContract {

  private static S3Client s3;

  @BeforeAll
  static void client() {
    s3 = TestAws.clients(S3TestServer.shared().endpoint()).s3();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  @Override
  protected LakeStore newStore(int pageSize) {
    TestBucket bucket = S3TestServer.shared().createBucket("lake-store-contract");
    s3.putObject(
        r -> r.bucket(bucket.name()).key("zone-neighbour/t/1"), RequestBody.fromString("t/1"));
    return new S3LakeStore(
        s3, bucket.zone("zone"), new S3StoreOptions(S3StoreOptions.MIN_PART_BYTES, pageSize));
  }

  @Override
  protected boolean keepsCommitState() {
    return true;
  }

  /** The object's {@code blackwater-state} tag, which the bucket's lifecycle rule reads. */
  @Override
  protected Optional<String> commitState(String zoneUri, String key) {
    S3Location zone = S3Location.of(URI.create(zoneUri));
    return s3.getObjectTagging(r -> r.bucket(zone.bucket()).key(zone.key(key))).tagSet().stream()
        .filter(t -> t.key().equals(S3ObjectState.TAG))
        .map(Tag::value)
        .findFirst();
  }

  /**
   * S3 decides conditional puts atomically; S3Mock checks If-None-Match and then writes, in two
   * steps, so two puts at the same moment can both succeed there.
   */
  @Override
  protected boolean decidesSimultaneousPutsAtomically() {
    return false;
  }

  /**
   * S3 keeps the object; S3Mock 5.2.0's AbortMultipartUpload, which the refused writer sends, also
   * deletes a committed object under the same key.
   */
  @Override
  protected boolean keepsAnObjectWhenALargeWriteToItsKeyIsRefused() {
    return false;
  }
}
