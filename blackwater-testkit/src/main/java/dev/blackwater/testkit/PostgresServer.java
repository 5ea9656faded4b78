package dev.blackwater.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The PostgreSQL server that tests run against: an embedded server started once per JVM, or the
 * external server named by {@code BLACKWATER_TEST_PG_URL} (a JDBC URL of a database the tests may
 * create databases from, with user and password in {@code BLACKWATER_TEST_PG_USER} and {@code
 * BLACKWATER_TEST_PG_PASSWORD}). A test database's URL is that URL with the database replaced:
 * hosts, port (or the driver's default) and parameters such as {@code sslmode} stay. Database names
 * carry a random suffix, so test JVMs running side by side on one server, or databases a killed run
 * left behind, never collide.
 */
public final class PostgresServer {

  private static final String EXTERNAL_URL = "BLACKWATER_TEST_PG_URL";
  private static final String JDBC_PREFIX = "jdbc:postgresql:";

  /** PostgreSQL's longest identifier, in bytes. */
  private static final int MAX_NAME = 63;

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static PostgresServer shared;

  private final String adminUrl;
  private final String user;
  private final String password;

  private PostgresServer(String adminUrl, String user, String password) {
    if (!adminUrl.startsWith(JDBC_PREFIX)) {
      throw new IllegalArgumentException(
          EXTERNAL_URL + " must be a jdbc:postgresql: URL, not " + adminUrl);
    }
    this.adminUrl = adminUrl;
    this.user = user;
    this.password = password;
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
      return new PostgresServer(
          "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "");
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
    }
  }

  /** Creates a new, empty database with a unique name derived from {@code label}. */
  public TestDatabase createDatabase(String label) {
    String name = databaseName(label, DATABASES.incrementAndGet(), RANDOM.nextInt(1 << 30));
    try (Connection c = DriverManager.getConnection(adminUrl, user, password);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return new TestDatabase(this, name, withDatabase(adminUrl, name), user, password);
  }

  /**
   * {@code <label>_<n>_<random>}: lower-case letters, digits and underscores, starting with a
   * letter, at most 63 characters (the label is shortened to fit).
   */
  static String databaseName(String label, int number, int random) {
    String suffix = "_" + number + "_" + Integer.toString(random, 36);
    String base =
        label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^[^a-z]+", "");
    if (base.isEmpty()) {
      base = "db";
    }
    return base.substring(0, Math.min(base.length(), MAX_NAME - suffix.length())) + suffix;
  }

  /**
   * {@code url} with its database replaced by {@code database}: {@code
   * jdbc:postgresql://host[:port][,host2...]/db?params} or {@code jdbc:postgresql:db?params}. Its
   * {@code user} and {@code password} parameters are dropped: in pgjdbc they would override the
   * credentials a test passes, and a test connecting as another role must get that role.
   */
  static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    String kept =
        query < 0
            ? ""
            : Arrays.stream(url.substring(query + 1).split("&"))
                .filter(p -> !p.isEmpty() && !p.startsWith("user=") && !p.startsWith("password="))
                .collect(Collectors.joining("&"));
    String parameters = kept.isEmpty() ? "" : "?" + kept;
    String rest = base.substring(JDBC_PREFIX.length());
    if (!rest.startsWith("//")) {
      return JDBC_PREFIX + database + parameters;
    }
    int slash = rest.indexOf('/', 2);
    String hosts = slash < 0 ? rest : rest.substring(0, slash);
    return JDBC_PREFIX + hosts + "/" + database + parameters;
  }

  void dropDatabase(String name) {
    try (Connection c = DriverManager.getConnection(adminUrl, user, password);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
    } catch (SQLException e) {
      throw new IllegalStateException("could not drop test database " + name, e);
    }
  }
}
