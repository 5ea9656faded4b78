package dev.blackwater.config;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * How a connection to a database is encrypted and whom it trusts: PostgreSQL's {@code sslmode} and
 * the CA bundle ({@code sslrootcert}) the server's certificate must chain to. Given neither, the
 * driver's defaults apply ({@code prefer}: TLS when the server offers it, unverified, else plain
 * text), which suits a database on this machine; the Lambda functions and the Fargate task default
 * to {@code verify-full} with the RDS CA bundle instead, so they never fall back silently.
 *
 * @param mode the sslmode, or empty for the driver's default
 * @param rootCert the CA bundle (PEM), or empty for the driver's default ({@code
 *     ~/.postgresql/root.crt})
 * @param modeSetting the setting that names the mode, for messages
 * @param rootCertSetting the setting that names the bundle, for messages
 */
public record DatabaseTls(
    Optional<Mode> mode, Optional<Path> rootCert, Setting modeSetting, Setting rootCertSetting) {

  /** PostgreSQL's sslmode values. */
  public enum Mode {
    DISABLE,
    ALLOW,
    PREFER,
    REQUIRE,
    VERIFY_CA,
    VERIFY_FULL;

    /** As PostgreSQL spells it: {@code verify-full}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether the server's certificate is checked against a CA bundle. */
    public boolean verifies() {
      return this == VERIFY_CA || this == VERIFY_FULL;
    }

    /** The mode PostgreSQL spells {@code label}. */
    public static Mode parse(String label) {
      for (Mode m : values()) {
        if (m.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
          return m;
        }
      }
      throw new IllegalArgumentException(
          "is not an sslmode (disable, allow, prefer, require, verify-ca, verify-full)");
    }
  }

  /** The driver's defaults: nothing set. */
  public static DatabaseTls driverDefault() {
    return new DatabaseTls(
        Optional.empty(), Optional.empty(), Settings.SOURCE_SSLMODE, Settings.SOURCE_SSLROOTCERT);
  }

  /** Whether the connection verifies the server's certificate against a CA bundle. */
  public boolean verifies() {
    return mode.map(Mode::verifies).orElse(false);
  }

  /**
   * Checks that the CA bundle, when one is named, is a readable file, so that a function or a
   * command fails at start-up naming the setting, not at its first connection.
   *
   * @throws BlackwaterException CONFIGURATION naming the setting and the path
   */
  public DatabaseTls check() {
    rootCert.ifPresent(
        file -> {
          if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new BlackwaterException(
                ErrorCode.CONFIGURATION,
                rootCertSetting.names()
                    + ": the CA bundle "
                    + file
                    + " is not a readable file"
                    + (mode.isPresent() ? " (sslmode " + mode.get().label() + ")" : ""));
          }
        });
    return this;
  }

  /** Sets the driver's properties; a URL's own {@code sslmode} parameter still wins. */
  void applyTo(Properties properties) {
    mode.ifPresent(m -> properties.setProperty("sslmode", m.label()));
    rootCert.ifPresent(file -> properties.setProperty("sslrootcert", file.toString()));
  }

  /** {@code sslmode verify-full, CA bundle /path}, for messages. */
  public String describe() {
    String described = "sslmode " + mode.map(Mode::label).orElse("prefer (the driver's default)");
    return rootCert.map(file -> described + ", CA bundle " + file).orElse(described);
  }
}
