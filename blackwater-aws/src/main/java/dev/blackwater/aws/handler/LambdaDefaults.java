package dev.blackwater.aws.handler;

import dev.blackwater.config.Setting;
import dev.blackwater.config.SettingSource;
import dev.blackwater.config.Settings;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a Lambda function assumes where its environment is silent: its database connections verify
 * TLS ({@code verify-full}) against the RDS CA bundle the artifact carries at its root ({@code
 * $LAMBDA_TASK_ROOT/rds-global-bundle.pem}), never the driver's {@code prefer}, which falls back to
 * plain text without a word. A function whose environment names a database's sslmode gets exactly
 * that (an explicit {@code disable} included), and the bundle only when that mode verifies and
 * names none.
 */
final class LambdaDefaults {

  /** The RDS CA bundle's name at the artifact's root ({@code make rds-ca} puts it there). */
  static final String CA_BUNDLE = "rds-global-bundle.pem";

  private LambdaDefaults() {}

  /** The defaults for a function whose environment is {@code environment}. */
  static SettingSource of(Function<String, String> environment) {
    String root =
        Optional.ofNullable(environment.apply("LAMBDA_TASK_ROOT"))
            .filter(r -> !r.isBlank())
            .orElse("/var/task");
    Map<String, String> defaults = new HashMap<>();
    verified(environment, defaults, Settings.SOURCE_SSLMODE, Settings.SOURCE_SSLROOTCERT, root);
    verified(
        environment, defaults, Settings.WAREHOUSE_SSLMODE, Settings.WAREHOUSE_SSLROOTCERT, root);
    return SettingSource.environment(defaults);
  }

  private static void verified(
      Function<String, String> environment,
      Map<String, String> defaults,
      Setting mode,
      Setting rootCert,
      String root) {
    String given = environment.apply(mode.variable());
    if (given == null || given.isBlank()) {
      defaults.put(mode.variable(), "verify-full");
      defaults.put(rootCert.variable(), root + "/" + CA_BUNDLE);
    } else if (given.trim().toLowerCase(Locale.ROOT).startsWith("verify-")) {
      defaults.put(rootCert.variable(), root + "/" + CA_BUNDLE);
    }
  }
}
