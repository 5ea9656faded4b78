package dev.blackwater.aws.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.aws.catalog.PutIfAbsentS3Clients.IfNoneMatch;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Every request that creates an object carries {@code If-None-Match: *}: a put, and the completion
 * of a multipart upload (S3FileIO's way for a large file); a request that already has the header
 * keeps it, and others are left alone.
 */
class PutIfAbsentS3ClientsTest {

  private final IfNoneMatch interceptor = new IfNoneMatch();

  @Test
  void aPutAndAMultipartCompletionCreateOnlyIfAbsent() {
    PutObjectRequest put =
        (PutObjectRequest) modified(PutObjectRequest.builder().bucket("b").key("k").build());
    assertThat(put.ifNoneMatch()).isEqualTo("*");
    assertThat(put.key()).isEqualTo("k");

    CompleteMultipartUploadRequest complete =
        (CompleteMultipartUploadRequest)
            modified(
                CompleteMultipartUploadRequest.builder()
                    .bucket("b")
                    .key("k")
                    .uploadId("u")
                    .build());
    assertThat(complete.ifNoneMatch()).isEqualTo("*");
    assertThat(complete.uploadId()).isEqualTo("u");
  }

  @Test
  void otherRequestsAndAGivenConditionAreLeftAsTheyAre() {
    GetObjectRequest get = GetObjectRequest.builder().bucket("b").key("k").build();
    assertThat(modified(get)).isSameAs(get);

    PutObjectRequest given =
        PutObjectRequest.builder().bucket("b").key("k").ifNoneMatch("\"etag\"").build();
    assertThat(((PutObjectRequest) modified(given)).ifNoneMatch()).isEqualTo("\"etag\"");
  }

  private SdkRequest modified(SdkRequest request) {
    Context.ModifyRequest context = () -> request;
    return interceptor.modifyRequest(context, new ExecutionAttributes());
  }
}
