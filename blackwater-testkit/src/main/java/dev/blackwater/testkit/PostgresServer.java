package dev.blackwater.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server that tests run against: an embedded server started once per JVM, or the
 * external server named by {@code BLACKWATER_TEST_PG_URL} (a JDBC URL of a database the tests may
 * create databases from, with user and password in {@code BLACKWATER_TEST_PG_USER} and {@code
 * BLACKWATER_TEST_PG_PASSWORD}).
 */
public final class PostgresServer {

  private static final String EXTERNAL_URL = "BLACKWATER_TEST_PG_URL";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresServer shared;

  private final String adminUrl;
  private final String user;
  private final String password;
  private final String hostAndPort;

  private PostgresServer(String adminUrl, String user, String password) {
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
    URI uri = URI.create(adminUrl.substring("jdbc:".length()));
    this.hostAndPort = uri.getHost() + ":" + uri.getPort();
  }

  /** The server of this test run, started on first use. */
  public static synchronized PostgresServer shared() {
    if (shared == null) {
      String external = System.getenv(EXTERNAL_URL);
      shared =
          external != null && !external.isBlank()
              ? new PostgresServer(
                  external,
                  System.getenv().getOrDefault("BLACKWATER_TEST_PG_USER", "postgres"),
                  System.getenv().getOrDefault("BLACKWATER_TEST_PG_PASSWORD", "postgres"))
              : startEmbedded();
    }
    return shared;
  }

  private static PostgresServer startEmbedded() {
    try {
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setServerConfig("fsync", "off")
              .setServerConfig("synchronous_commit", "off")
              .setServerConfig("full_page_writes", "off")
              .setServerConfig("max_connections", "200")
              .start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (IOException e) {
                      // the JVM is going away; the data directory is temporary
                    }
                  }));
      return new PostgresServer(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
    }
  }

  /** Creates a new, empty database with a unique name derived from {@code label}. */
  public TestDatabase createDatabase(String label) {
    String name =
        (label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
                + "_"
                + DATABASES.incrementAndGet())
            .replaceAll("^_+", "");
    if (name.length() > 60) {
      name = name.substring(name.length() - 60).replaceAll("^[^a-z]+", "db_");
    }
    try (Connection c = DriverManager.getConnection(adminUrl, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return new TestDatabase(
        this, name, "jdbc:postgresql://" + hostAndPort + "/" + name, user, password);
  }

  void dropDatabase(String name) {
    try (Connection c = DriverManager.getConnection(adminUrl, user, password);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test database " + name, e);
    }
  }

  /** {@code host:port} of the server. */
  public String hostAndPort() {
    return hostAndPort;
  }
}
