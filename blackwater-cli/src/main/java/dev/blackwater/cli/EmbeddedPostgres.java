package dev.blackwater.cli;

import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A PostgreSQL server run by Blackwater itself, for the demo: no installation needed. */
public final class EmbeddedPostgres implements AutoCloseable {

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;

  private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
    this.server = server;
  }

  /** Starts a fresh server whose data lives in {@code dataDirectory}. */
  public static EmbeddedPostgres start(Path dataDirectory) {
    return start(dataDirectory, java.util.Map.of());
  }

  /** Starts a fresh server with extra server settings (e.g. {@code shared_buffers}). */
  public static EmbeddedPostgres start(Path dataDirectory, java.util.Map<String, String> settings) {
    try {
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(true);
      settings.forEach(builder::setServerConfig);
      return new EmbeddedPostgres(builder.start());
    } catch (IOException e) {
      throw new BlackwaterException(
          ErrorCode.CONNECTION,
          "could not start the embedded PostgreSQL server: " + e.getMessage(),
          e);
    }
  }

  /** Creates a database on this server and returns how to reach it. */
  public DatabaseConfig createDatabase(String role, String name) {
    DatabaseConfig admin = database(role, "postgres");
    try (Connection c = new Database(admin).open();
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new Database(admin).failure(e);
    }
    return database(role, name);
  }

  public DatabaseConfig database(String role, String name) {
    return new DatabaseConfig(role, server.getJdbcUrl("postgres", name), "postgres", null);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
