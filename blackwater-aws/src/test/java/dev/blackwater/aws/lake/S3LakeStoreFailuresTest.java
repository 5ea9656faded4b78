package dev.blackwater.aws.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.blackwater.aws.TestAws;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * How S3LakeStore meets S3's refusals: a tiny HTTP server answers as S3 does when it throttles or
 * denies access, so the real client, retry strategy and error parsing run.
 */
class S3LakeStoreFailuresTest {

  private final Deque<Integer> statuses = new ArrayDeque<>();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;
  private S3Client s3;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          int status = statuses.isEmpty() ? 200 : statuses.poll();
          String code =
              switch (status) {
                case 503 -> "SlowDown";
                case 403 -> "AccessDenied";
                default -> "";
              };
          byte[] body =
              (status == 200
                      ? "content"
                      : "<Error><Code>" + code + "</Code><Message>no</Message></Error>")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/xml");
          exchange.sendResponseHeaders(status, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    s3 =
        TestAws.clients(
                endpoint,
                AwsRetryStrategy.standardRetryStrategy().toBuilder()
                    .maxAttempts(4)
                    .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                    .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                    .build())
            .s3();
  }

  @AfterEach
  void stop() {
    s3.close();
    server.stop(0);
  }

  @Test
  void throttlingIsRetriedWithBackoff() throws IOException {
    statuses.add(503);
    statuses.add(503);
    LakeStore lake = new S3LakeStore(s3, URI.create("s3://bucket/zone"));

    try (var in = lake.open("a.json")) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("content");
    }
    assertThat(requests).hasValue(3);
  }

  @Test
  void throttlingThatOutlastsTheRetriesIsNamed() {
    for (int i = 0; i < 4; i++) {
      statuses.add(503);
    }
    LakeStore lake = new S3LakeStore(s3, URI.create("s3://bucket/zone"));

    assertThatThrownBy(() -> lake.open("a.json"))
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONNECTION))
        .hasMessage(
            "S3 kept throttling requests to read s3://bucket/zone/a.json (SlowDown) after"
                + " retrying with backoff; try again later");
    assertThat(requests).hasValue(4);
  }

  @Test
  void accessDeniedNamesTheBucketAndKey() {
    statuses.add(403);
    LakeStore lake = new S3LakeStore(s3, URI.create("s3://bucket/zone"));

    assertThatThrownBy(() -> lake.put("_batches/x.json", new byte[] {1}))
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONNECTION))
        .hasMessageStartingWith("access denied to write s3://bucket/zone/_batches/x.json");
    assertThat(requests).hasValue(1);
  }

  @Test
  void anUnreachableEndpointIsAConnectionFailure() {
    S3Client nowhere =
        TestAws.clients(
                URI.create("http://127.0.0.1:1"),
                AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(1).build())
            .s3();
    LakeStore lake = new S3LakeStore(nowhere, URI.create("s3://bucket"));

    assertThatThrownBy(() -> lake.list("", null))
        .isInstanceOf(BlackwaterException.class)
        .hasMessageStartingWith("cannot reach S3 to list s3://bucket/*");
    nowhere.close();
  }
}
