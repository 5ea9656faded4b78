package dev.blackwater.aws.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.aws.AwsClients;
import dev.blackwater.aws.TestAws;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeObjectExistsException;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeWriter;
import dev.blackwater.lake.StoredObject;
import dev.blackwater.testkit.S3Extension;
import dev.blackwater.testkit.TestBucket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What only the S3 store does, against a real S3 protocol server (S3Mock, in this JVM): retried
 * conditional writes, multipart uploads, zone prefixes, a missing bucket, opening through the AWS
 * clients. What every lake store promises is {@code LakeStoreContract}'s, checked by {@link
 * S3LakeStoreContractIT}.
 */
@ExtendWith(S3Extension.class)
class S3LakeStoreIT {

  private static final int MIB = 1024 * 1024;
  private static S3Client s3;

  @BeforeAll
  static void client() {
    s3 = TestAws.clients(dev.blackwater.testkit.S3TestServer.shared().endpoint()).s3();
  }

  @AfterAll
  static void close() {
    s3.close();
  }

  private static LakeStore store(TestBucket bucket, String prefix) {
    return new S3LakeStore(s3, bucket.zone(prefix), new S3StoreOptions(5 * MIB, 2));
  }

  /**
   * The client retries a conditional write whose reply was lost; when the first attempt had
   * succeeded, S3 refuses the retry with 412. Replayed here by a second writer with the same id
   * sending the same content: the refusal is recognised as the writer's own object.
   */
  @Test
  void aRetriedPutThatHadSucceededIsTheWritersOwnObject(TestBucket bucket) throws Exception {
    byte[] claim = bytes("{\"batch\":\"000001\",\"runId\":\"r1\"}");

    StoredObject first = write(bucket, "_claims/000001.json", claim, "writer-1");
    StoredObject retried = write(bucket, "_claims/000001.json", claim, "writer-1");

    assertThat(retried).isEqualTo(first);
    assertThat(store(bucket, "ingestion").read("_claims/000001.json")).isEqualTo(claim);
    assertThat(
            s3.headObject(r -> r.bucket(bucket.name()).key("ingestion/_claims/000001.json"))
                .metadata())
        .containsEntry(S3LakeWriter.WRITER_METADATA, "writer-1");
  }

  @Test
  void anotherWritersIdenticalObjectOrTheSameWritersOtherContentIsStillRefused(TestBucket bucket)
      throws Exception {
    write(bucket, "_claims/000001.json", bytes("claim"), "writer-1");

    assertThatThrownBy(() -> write(bucket, "_claims/000001.json", bytes("claim"), "writer-2"))
        .isInstanceOf(LakeObjectExistsException.class);
    assertThatThrownBy(() -> write(bucket, "_claims/000001.json", bytes("clain"), "writer-1"))
        .isInstanceOf(LakeObjectExistsException.class);
    assertThatThrownBy(() -> write(bucket, "_claims/000001.json", bytes("claim!"), "writer-1"))
        .isInstanceOf(LakeObjectExistsException.class);
  }

  @Test
  void aRetriedMultipartCompletionThatHadSucceededIsTheWritersOwnObject(TestBucket bucket)
      throws Exception {
    byte[] content = random(11 * MIB + 7, 5);

    StoredObject first = write(bucket, "big/manifest.bin", content, "writer-1");
    StoredObject retried = write(bucket, "big/manifest.bin", content, "writer-1");

    assertThat(retried).isEqualTo(first);
    assertThat(sha256(store(bucket, "ingestion").read("big/manifest.bin")))
        .isEqualTo(first.sha256());
  }

  private static StoredObject write(TestBucket bucket, String key, byte[] content, String writerId)
      throws java.io.IOException {
    try (LakeWriter writer =
        new S3LakeWriter(
            s3, S3Location.of(bucket.zone("ingestion")), key, 5 * MIB, writerId, null)) {
      writer.write(content);
      return writer.commit();
    }
  }

  @Test
  void anObjectIsStoredUnderTheZonesPrefix(TestBucket bucket) {
    LakeStore lake = store(bucket, "zone/");

    StoredObject stored = lake.put("t/2026/11/27/000001-20261127T100000Z.csv.gz", random(300, 1));

    assertThat(
            s3.headObject(r -> r.bucket(bucket.name()).key("zone/" + stored.key())).contentLength())
        .isEqualTo(300);
  }

  @Test
  void aLargeObjectGoesUpAsAMultipartUploadThatIsCompleted(TestBucket bucket) throws Exception {
    LakeStore lake = store(bucket, "ingestion");
    byte[] content = random(20 * MIB + 12_345, 2);

    try (LakeWriter writer = lake.create("big/object.bin")) {
      writer.write(content, 0, 6 * MIB);
      assertThat(s3.listMultipartUploads(r -> r.bucket(bucket.name())).uploads()).hasSize(1);
      writer.write(content, 6 * MIB, content.length - 6 * MIB);
      writer.commit();
    }

    assertThat(s3.listMultipartUploads(r -> r.bucket(bucket.name())).uploads()).isEmpty();
    assertThat(s3.headObject(r -> r.bucket(bucket.name()).key("ingestion/big/object.bin")))
        .satisfies(head -> assertThat(head.contentLength()).isEqualTo(content.length))
        .satisfies(head -> assertThat(head.metadata()).containsKey(S3LakeWriter.WRITER_METADATA));
  }

  @Test
  void aMultipartUploadToATakenKeyIsRefusedAndAborted(TestBucket bucket) throws Exception {
    LakeStore lake = store(bucket, "ingestion");
    lake.put("taken.bin", bytes("original"));

    try (LakeWriter writer = lake.create("taken.bin")) {
      writer.write(random(11 * MIB, 3));
      assertThatThrownBy(writer::commit)
          .isInstanceOf(LakeObjectExistsException.class)
          .hasMessageContaining("taken.bin already exists");
    }

    // The refused upload is aborted. (S3Mock 5.2.0's AbortMultipartUpload also deletes a committed
    // object under the same key, which S3 does not, so the original is not checked here.)
    assertThat(s3.listMultipartUploads(r -> r.bucket(bucket.name())).uploads()).isEmpty();
  }

  @Test
  void aDiscardedLargeWriterAbortsItsUpload(TestBucket bucket) throws Exception {
    LakeStore lake = store(bucket, "ingestion");

    try (LakeWriter large = lake.create("large.bin")) {
      large.write(random(12 * MIB, 4));
      assertThat(s3.listMultipartUploads(r -> r.bucket(bucket.name())).uploads()).hasSize(1);
    }

    assertThat(lake.exists("large.bin")).isFalse();
    assertThat(s3.listMultipartUploads(r -> r.bucket(bucket.name())).uploads()).isEmpty();
  }

  @Test
  void aMissingBucketIsAConnectionFailureNamingIt() {
    LakeStore lake = new S3LakeStore(s3, java.net.URI.create("s3://no-such-bucket-here/zone"));

    assertThatThrownBy(() -> lake.list("", null))
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONNECTION))
        .hasMessageContaining("s3://no-such-bucket-here/zone/");
  }

  @Test
  void theAwsClientsOpenS3ZonesOnTheirOneClient(TestBucket bucket) {
    AwsClients aws = TestAws.clients(bucket.endpoint());

    LakeStore lake = aws.lakeStores().open(bucket.zone("lake/ingestion"));

    assertThat(lake).isInstanceOf(S3LakeStore.class);
    assertThat(lake.uri().toString()).isEqualTo("s3://" + bucket.name() + "/lake/ingestion/");
    lake.put("x.json", bytes("{}"));
    assertThat(
            s3.headObject(r -> r.bucket(bucket.name()).key("lake/ingestion/x.json"))
                .contentLength())
        .isEqualTo(2);
    assertThat(aws.s3()).as("built once").isSameAs(aws.s3());
    assertThat(aws.lakeStores().open(bucket.zone("other"))).isInstanceOf(S3LakeStore.class);
  }

  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] random(int size, long seed) {
    byte[] content = new byte[size];
    new Random(seed).nextBytes(content);
    return content;
  }

  static String sha256(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
  }
}
