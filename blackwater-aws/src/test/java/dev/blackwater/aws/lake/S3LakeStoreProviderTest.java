package dev.blackwater.aws.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3LakeStoreProviderTest {

  @Test
  void servesTheS3SchemeAtAwsUnlessAnEndpointIsGiven() {
    assertThat(new S3LakeStoreProvider(name -> null).scheme()).isEqualTo("s3");
    assertThat(new S3LakeStoreProvider(name -> null).endpoint()).isEmpty();
    assertThat(
            new S3LakeStoreProvider(Map.of("BLACKWATER_S3_ENDPOINT", "http://localhost:9000")::get)
                .endpoint())
        .contains(URI.create("http://localhost:9000"));
  }

  @Test
  void aMalformedEndpointIsAConfigurationError() {
    assertThatThrownBy(
            () ->
                new S3LakeStoreProvider(Map.of("BLACKWATER_S3_ENDPOINT", "localhost 9000")::get)
                    .endpoint())
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONFIGURATION))
        .hasMessageContaining("BLACKWATER_S3_ENDPOINT 'localhost 9000' is not an endpoint URL");
  }

  @Test
  void optionsRefuseSizesS3Refuses() {
    assertThatThrownBy(() -> new S3StoreOptions(1024, 10)).hasMessageContaining("at least 5 MiB");
    assertThatThrownBy(() -> new S3StoreOptions(S3StoreOptions.MIN_PART_BYTES, 1001))
        .hasMessageContaining("1 to 1000");
  }
}
