package dev.blackwater.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AwsEndpointTest {

  @Test
  void anUnsetOrBlankValueMeansAwsItself() {
    assertThat(AwsEndpoint.parse("BLACKWATER_S3_ENDPOINT", null)).isEmpty();
    assertThat(AwsEndpoint.parse("BLACKWATER_S3_ENDPOINT", "  ")).isEmpty();
  }

  @Test
  void anHttpOrHttpsUrlIsTheEndpoint() {
    assertThat(AwsEndpoint.parse("BLACKWATER_S3_ENDPOINT", " http://localhost:9000 "))
        .contains(URI.create("http://localhost:9000"));
    assertThat(AwsEndpoint.parse("BLACKWATER_SECRETS_ENDPOINT", "https://secrets.internal"))
        .contains(URI.create("https://secrets.internal"));
  }

  @Test
  void anythingElseIsAConfigurationErrorNamingTheVariable() {
    for (String value : new String[] {"localhost 9000", "localhost:9000", "ftp://x", "http://"}) {
      assertThatThrownBy(() -> AwsEndpoint.parse("BLACKWATER_SECRETS_ENDPOINT", value))
          .as(value)
          .isInstanceOf(BlackwaterException.class)
          .satisfies(
              e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONFIGURATION))
          .hasMessage(
              "BLACKWATER_SECRETS_ENDPOINT '"
                  + value
                  + "' is not an endpoint URL like http://localhost:9000");
    }
  }
}
