package dev.blackwater.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresServerTest {

  @Test
  void aTestDatabasesUrlKeepsTheServersHostsPortAndParameters() {
    assertThat(PostgresServer.withDatabase("jdbc:postgresql://db.ci:6432/postgres", "t_1"))
        .isEqualTo("jdbc:postgresql://db.ci:6432/t_1");
    assertThat(PostgresServer.withDatabase("jdbc:postgresql://db.ci/postgres", "t_1"))
        .as("no port: the driver's default")
        .isEqualTo("jdbc:postgresql://db.ci/t_1");
    assertThat(
            PostgresServer.withDatabase(
                "jdbc:postgresql://db.ci/postgres?sslmode=require&connectTimeout=5", "t_1"))
        .isEqualTo("jdbc:postgresql://db.ci/t_1?sslmode=require&connectTimeout=5");
    assertThat(PostgresServer.withDatabase("jdbc:postgresql://a:5432,b:5433/x?ssl=true", "t_1"))
        .isEqualTo("jdbc:postgresql://a:5432,b:5433/t_1?ssl=true");
    assertThat(PostgresServer.withDatabase("jdbc:postgresql://[::1]:5432/", "t_1"))
        .isEqualTo("jdbc:postgresql://[::1]:5432/t_1");
    assertThat(PostgresServer.withDatabase("jdbc:postgresql://localhost", "t_1"))
        .isEqualTo("jdbc:postgresql://localhost/t_1");
    assertThat(PostgresServer.withDatabase("jdbc:postgresql:postgres?ssl=false", "t_1"))
        .isEqualTo("jdbc:postgresql:t_1?ssl=false");
    assertThat(
            PostgresServer.withDatabase(
                "jdbc:postgresql://localhost:5432/postgres?user=postgres&ssl=false&password=x",
                "t_1"))
        .as("credentials come from the test, never from the URL")
        .isEqualTo("jdbc:postgresql://localhost:5432/t_1?ssl=false");
  }

  @Test
  void databaseNamesAreUniqueValidIdentifiersOfAtMost63Characters() {
    assertThat(PostgresServer.databaseName("LoaderIT", 3, 123_456_789))
        .isEqualTo("loaderit_3_21i3v9");
    assertThat(PostgresServer.databaseName("LoaderIT", 3, 123_456_788))
        .isNotEqualTo(PostgresServer.databaseName("LoaderIT", 3, 123_456_789));
    assertThat(PostgresServer.databaseName("42 Things-Test", 1, 0)).isEqualTo("things_test_1_0");
    assertThat(PostgresServer.databaseName("__", 1, 0)).isEqualTo("db_1_0");
    String longName = PostgresServer.databaseName("x".repeat(100), 123_456, Integer.MAX_VALUE >> 1);
    assertThat(longName).hasSize(63).startsWith("xxx").matches("[a-z][a-z0-9_]*");
  }
}
