package dev.blackwater.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.testkit.TlsPostgresServer;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Verified TLS to a real PostgreSQL with {@code ssl=on} (the testkit's {@link TlsPostgresServer},
 * whose CA and server certificate are made in the test): configured through the settings, as the
 * command line and the handlers configure it, a connection with {@code sslmode=verify-full} and the
 * server's CA bundle is encrypted; a CA that did not sign the certificate, a host name the
 * certificate does not hold, and a server without TLS are each refused with one CONNECTION line; a
 * missing CA bundle is a CONFIGURATION error before any connection. Without TLS settings a plain
 * server still works (the demo and the tests do not need TLS).
 */
class DatabaseTlsIT {

  private static final TlsPostgresServer TLS = TlsPostgresServer.shared();

  @Test
  void verifyFullWithTheServersCaConnectsEncrypted() {
    Database db = source(TlsPostgresServer.HOST, "verify-full", TLS.caBundle());

    assertThat(encrypted(db)).isTrue();
    assertThat(db.config().tls().describe())
        .isEqualTo("sslmode verify-full, CA bundle " + TLS.caBundle());
  }

  @Test
  void aCertificateNoCaInTheBundleSignedIsRefused() {
    BlackwaterException e =
        refused(source(TlsPostgresServer.HOST, "verify-full", TLS.unrelatedCaBundle()));

    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
    assertThat(e.getMessage())
        .isEqualTo(
            "the source database at localhost:"
                + TLS.port()
                + "/postgres presented a TLS certificate that no CA in "
                + TLS.unrelatedCaBundle()
                + " signed (sslmode verify-full, CA bundle "
                + TLS.unrelatedCaBundle()
                + ")");
  }

  @Test
  void aHostTheCertificateDoesNotNameIsRefusedByVerifyFullOnly() {
    BlackwaterException e = refused(source("127.0.0.1", "verify-full", TLS.caBundle()));

    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
    assertThat(e.getMessage())
        .isEqualTo(
            "the source database at 127.0.0.1:"
                + TLS.port()
                + "/postgres: its TLS certificate does not name the host 127.0.0.1 (sslmode"
                + " verify-full, CA bundle "
                + TLS.caBundle()
                + "); connect by a name the certificate holds");
    assertThat(encrypted(source("127.0.0.1", "verify-ca", TLS.caBundle())))
        .as("verify-ca checks the CA, not the name")
        .isTrue();
  }

  @Test
  void verifyFullRefusesAServerWithoutTlsInsteadOfFallingBack() {
    TestDatabase plain = PostgresServer.shared().createDatabase("tls_plain");
    Map<String, String> env = new HashMap<>();
    env.put("BLACKWATER_SOURCE_URL", plain.jdbcUrl());
    env.put("BLACKWATER_SOURCE_USER", plain.user());
    env.put("BLACKWATER_SOURCE_SSLMODE", "verify-full");
    env.put("BLACKWATER_SOURCE_SSLROOTCERT", TLS.caBundle().toString());
    Database db = database(env);

    BlackwaterException e = refused(db);

    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION);
    assertThat(e.getMessage())
        .startsWith("the source database at ")
        .endsWith(
            " does not accept TLS connections, which sslmode verify-full, CA bundle "
                + TLS.caBundle()
                + " needs");

    env.remove("BLACKWATER_SOURCE_SSLMODE");
    env.remove("BLACKWATER_SOURCE_SSLROOTCERT");
    assertThat(encrypted(database(env)))
        .as("without settings, the driver's default reaches a plain server (the demo, the tests)")
        .isFalse();
  }

  @Test
  void aMissingCaBundleIsNamedBeforeAnyConnection() {
    Path missing = Path.of("/nonexistent/rds-global-bundle.pem");
    BlackwaterException e =
        catchThrowableOfType(
            BlackwaterException.class,
            () -> source(TlsPostgresServer.HOST, "verify-full", missing));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION);
    assertThat(e.getMessage())
        .isEqualTo(
            "--source-sslrootcert (BLACKWATER_SOURCE_SSLROOTCERT): the CA bundle "
                + missing
                + " is not a readable file (sslmode verify-full)");
  }

  @Test
  void aSecretsDatabaseGetsTheConfiguredTls() {
    Map<String, String> env = new HashMap<>();
    env.put("BLACKWATER_WAREHOUSE_SECRET", "prod/warehouse");
    env.put("BLACKWATER_WAREHOUSE_SSLMODE", "verify-full");
    env.put("BLACKWATER_WAREHOUSE_SSLROOTCERT", TLS.caBundle().toString());
    SecretReader secrets =
        (role, id) ->
            new DatabaseConfig(
                role, TLS.jdbcUrl(TlsPostgresServer.HOST, "postgres"), "postgres", "");

    DatabaseConfig read =
        new Configuration(SettingSource.environment(env), Machine.current())
            .warehouse()
            .credentials(secrets)
            .current();

    assertThat(read.tls().describe()).isEqualTo("sslmode verify-full, CA bundle " + TLS.caBundle());
    assertThat(encrypted(new Database(read))).isTrue();
  }

  private static Database source(String host, String sslmode, Path caBundle) {
    Map<String, String> env = new HashMap<>();
    env.put("BLACKWATER_SOURCE_URL", TLS.jdbcUrl(host, "postgres"));
    env.put("BLACKWATER_SOURCE_USER", TLS.user());
    env.put("BLACKWATER_SOURCE_SSLMODE", sslmode);
    env.put("BLACKWATER_SOURCE_SSLROOTCERT", caBundle.toString());
    return database(env);
  }

  private static Database database(Map<String, String> env) {
    Configuration configuration =
        new Configuration(SettingSource.environment(env), Machine.current());
    return new Database(configuration.source().credentials(SecretReader.none()).current());
  }

  private static boolean encrypted(Database db) {
    return db.withConnection(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet r =
                  s.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            r.next();
            return r.getBoolean(1);
          }
        });
  }

  private static BlackwaterException refused(Database db) {
    BlackwaterException e = catchThrowableOfType(BlackwaterException.class, db::open);
    assertThat(e).as("the connection was refused").isNotNull();
    return e;
  }
}
