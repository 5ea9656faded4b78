package dev.blackwater.aws.handler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A function verifies TLS unless its environment says otherwise, with the bundle it carries. */
class LambdaDefaultsTest {

  @Test
  void silentAboutTlsMeansVerifyFullWithTheBundledCa() {
    var defaults = LambdaDefaults.of(Map.of("LAMBDA_TASK_ROOT", "/var/task")::get);

    assertThat(defaults.value(Settings.SOURCE_SSLMODE)).contains("verify-full");
    assertThat(defaults.value(Settings.WAREHOUSE_SSLMODE)).contains("verify-full");
    assertThat(defaults.value(Settings.SOURCE_SSLROOTCERT))
        .contains("/var/task/rds-global-bundle.pem");
    assertThat(LambdaDefaults.of(Map.<String, String>of()::get).value(Settings.SOURCE_SSLROOTCERT))
        .as("without LAMBDA_TASK_ROOT, Lambda's /var/task")
        .contains("/var/task/rds-global-bundle.pem");
  }

  @Test
  void aModeGivenIsKeptAndGetsTheBundleOnlyWhenItVerifies() {
    var disabled = LambdaDefaults.of(Map.of("BLACKWATER_SOURCE_SSLMODE", "disable")::get);
    var verifying = LambdaDefaults.of(Map.of("BLACKWATER_WAREHOUSE_SSLMODE", "verify-ca")::get);

    assertThat(disabled.value(Settings.SOURCE_SSLMODE)).isEmpty();
    assertThat(disabled.value(Settings.SOURCE_SSLROOTCERT)).isEmpty();
    assertThat(disabled.value(Settings.WAREHOUSE_SSLMODE)).contains("verify-full");
    assertThat(verifying.value(Settings.WAREHOUSE_SSLMODE)).isEmpty();
    assertThat(verifying.value(Settings.WAREHOUSE_SSLROOTCERT))
        .contains("/var/task/rds-global-bundle.pem");
  }
}
