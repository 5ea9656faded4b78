package dev.blackwater.config;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * A connection refused over TLS, told in one line: the server's certificate does not chain to the
 * CA bundle, does not name the host connected to, or the server offers no TLS at all. Decided from
 * the failure's structure and SQL state, not the driver's (translated) message.
 */
final class TlsFailure {

  /** The driver's state for a server that refused TLS ("The server does not support SSL"). */
  private static final String CONNECTION_REJECTED = "08004";

  /** The driver's state for a failed connection, the host name check's among them. */
  private static final String CONNECTION_FAILURE = "08006";

  private final DatabaseConfig config;

  TlsFailure(DatabaseConfig config) {
    this.config = config;
  }

  /** The TLS failure {@code e} is, if it is one. */
  Optional<BlackwaterException> of(SQLException e) {
    DatabaseTls tls = config.tls();
    String where = "the " + config.role() + " database at " + config.location();
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    if (causedBy(e, CertPathValidatorException.class)
        || causedBy(e, CertPathBuilderException.class)
        || causedBy(e, CertificateException.class)) {
      return Optional.of(
          failure(
              e,
              where
                  + " presented a TLS certificate that "
                  + tls.rootCert()
                      .map(file -> "no CA in " + file + " signed")
                      .orElse("no trusted CA signed")
                  + " ("
                  + tls.describe()
                  + ")"));
    }
    if (state.equals(CONNECTION_REJECTED) && tls.mode().isPresent()) {
      return Optional.of(
          failure(
              e, where + " does not accept TLS connections, which " + tls.describe() + " needs"));
    }
    if (state.equals(CONNECTION_FAILURE)
        && e.getCause() == null
        && tls.mode().orElse(null) == DatabaseTls.Mode.VERIFY_FULL) {
      return Optional.of(
          failure(
              e,
              where
                  + ": its TLS certificate does not name the host "
                  + host()
                  + " ("
                  + tls.describe()
                  + "); connect by a name the certificate holds"));
    }
    if (causedBy(e, SSLException.class) && tls.mode().isPresent()) {
      return Optional.of(
          failure(
              e,
              "the TLS handshake with "
                  + where
                  + " failed ("
                  + tls.describe()
                  + "): "
                  + DatabaseConfig.redact(String.valueOf(e.getMessage()))));
    }
    return Optional.empty();
  }

  private String host() {
    try {
      return URI.create(config.url().substring("jdbc:".length())).getHost();
    } catch (IllegalArgumentException e) {
      return config.location();
    }
  }

  private static BlackwaterException failure(SQLException cause, String message) {
    return new BlackwaterException(ErrorCode.CONNECTION, message, cause);
  }

  private static boolean causedBy(Throwable failure, Class<? extends Exception> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
