package dev.blackwater.aws.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.aws.AwsClients;
import dev.blackwater.aws.TestAws;
import dev.blackwater.config.Credentials;
import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.SecretReader;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SecretsManagerSecrets, behind core's Credentials, against {@link SecretsManagerTestServer}, so
 * the real client, signing and error parsing run.
 */
class SecretsManagerSecretsTest {

  private static final String RDS_STYLE =
      "{\"engine\":\"postgres\",\"host\":\"db.internal\",\"port\":5433,"
          + "\"dbname\":\"totesys\",\"username\":\"reader\",\"password\":\"s3cr3t-A\"}";

  private SecretsManagerTestServer server;
  private List<String> requested;
  private AwsClients aws;
  private SecretReader secrets;

  @BeforeEach
  void start() {
    server = SecretsManagerTestServer.start();
    server.put("blackwater/source-full", RDS_STYLE);
    requested = server.requested();
    aws = TestAws.clients(server.endpoint());
    secrets = aws.secrets();
  }

  @AfterEach
  void stop() {
    aws.secretsManager().close();
    server.close();
  }

  @Test
  void everySecretIsReadThroughTheProcesssOneClient() {
    server.put("blackwater/source", RDS_STYLE);

    Credentials source = Credentials.fromSecret("source", "blackwater/source", secrets);
    Credentials again = Credentials.fromSecret("source", "blackwater/source", aws.secrets());

    assertThat(source.current().user()).isEqualTo("reader");
    assertThat(again.current().user()).isEqualTo("reader");
    assertThat(requested).hasSize(2);
    assertThat(aws.secretsManager()).as("one client").isSameAs(aws.secretsManager());
    assertThatThrownBy(() -> secrets.read("warehouse", " "))
        .hasMessage("no Secrets Manager secret given for the warehouse database");
  }

  /**
   * RDS's managed master-user secret holds only username and password: the configured URL gives
   * host, port, database and its parameters; the secret's own fields win where it has them.
   */
  @Test
  void anRdsManagedSecretTakesItsLocationFromTheUrl() {
    server.put("rds/managed", "{\"username\":\"master\",\"password\":\"r0tated\"}");
    String url =
        "jdbc:postgresql://warehouse.abc.eu-west-2.rds.amazonaws.com:5432/dw?tcpKeepAlive=true";

    DatabaseConfig managed = secrets.read("warehouse", "rds/managed", url);
    DatabaseConfig full = secrets.read("warehouse", "blackwater/source-full", url);

    assertThat(managed.url()).isEqualTo(url);
    assertThat(managed.user()).isEqualTo("master");
    assertThat(managed.password()).isEqualTo("r0tated");
    assertThatThrownBy(() -> secrets.read("warehouse", "rds/managed", null))
        .isInstanceOf(BlackwaterException.class)
        .hasMessage(
            "secret rds/managed (warehouse database) has no 'host' field (a secret RDS manages"
                + " holds only username and password: set --warehouse-url"
                + " (BLACKWATER_WAREHOUSE_URL) to the database's JDBC URL)");
    assertThat(full.url())
        .as("the secret's host, port and database win; the URL's parameters stay")
        .isEqualTo("jdbc:postgresql://db.internal:5433/totesys?tcpKeepAlive=true");
  }

  @Test
  void readsAnRdsStyleSecretOnceAndKeepsIt() {
    server.put("blackwater/source", RDS_STYLE);
    Credentials source = Credentials.fromSecret("source", "blackwater/source", secrets);
    assertThat(requested).isEmpty();

    DatabaseConfig config = source.current();
    source.current();

    assertThat(config.url()).isEqualTo("jdbc:postgresql://db.internal:5433/totesys");
    assertThat(config.user()).isEqualTo("reader");
    assertThat(config.password()).isEqualTo("s3cr3t-A");
    assertThat(config.role()).isEqualTo("source");
    assertThat(config.toString()).doesNotContain("s3cr3t");
    assertThat(requested).containsExactly("secretsmanager.GetSecretValue blackwater/source");
  }

  @Test
  void takesDatabaseAndUserSpelledEitherWayAndDefaultsThePort() {
    server.put(
        "wh",
        "{\"host\":\"wh\",\"port\":\"6543\",\"database\":\"warehouse\",\"user\":\"loader\","
            + "\"password\":\"p\"}");
    server.put(
        "wh-no-port", "{\"host\":\"wh\",\"database\":\"w\",\"user\":\"u\",\"password\":\"p\"}");

    assertThat(Credentials.fromSecret("warehouse", "wh", secrets).current().url())
        .isEqualTo("jdbc:postgresql://wh:6543/warehouse");
    assertThat(Credentials.fromSecret("warehouse", "wh-no-port", secrets).current().url())
        .isEqualTo("jdbc:postgresql://wh:5432/w");
  }

  @Test
  void aMissingFieldIsNamedWithoutShowingAnyValue() {
    server.put("no-user", "{\"host\":\"h\",\"dbname\":\"d\",\"password\":\"hunter2\"}");
    server.put(
        "bad-port",
        "{\"host\":\"h\",\"port\":\"x\",\"dbname\":\"d\",\"user\":\"u\",\"password\":\"hunter2\"}");
    server.put("not-json", "password=hunter2");

    assertConfiguration(
        "no-user", "secret no-user (source database) has no 'user' or 'username' field");
    assertConfiguration(
        "bad-port", "secret bad-port (source database) has a 'port' that is not a port number");
    assertConfiguration("not-json", "secret not-json (source database) is not a JSON object");
  }

  private void assertConfiguration(String secretId, String message) {
    assertThatThrownBy(() -> Credentials.fromSecret("source", secretId, secrets).current())
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> {
              assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONFIGURATION);
              assertThat(e.getCause()).isNull();
            })
        .hasMessage(message)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aMissingOrForbiddenSecretIsNamed() {
    assertThatThrownBy(() -> Credentials.fromSecret("source", "nope", secrets).current())
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONFIGURATION))
        .hasMessage("secret nope (source database) does not exist, or has no value yet");
    assertThatThrownBy(() -> Credentials.fromSecret("warehouse", "denied-wh", secrets).current())
        .isInstanceOf(BlackwaterException.class)
        .satisfies(
            e -> assertThat(((BlackwaterException) e).code()).isEqualTo(ErrorCode.CONNECTION))
        .hasMessageStartingWith("access denied reading secret denied-wh (warehouse database)");
    assertThatThrownBy(() -> Credentials.fromSecret("source", " ", secrets).current())
        .hasMessage("no Secrets Manager secret given for the source database");
  }

  @Test
  void refusedCredentialsAreReadAgainOnceAfterARotation() {
    server.put("blackwater/source", RDS_STYLE);
    Credentials source = Credentials.fromSecret("source", "blackwater/source", secrets);
    assertThat(source.current().password()).isEqualTo("s3cr3t-A");
    server.put("blackwater/source", RDS_STYLE.replace("s3cr3t-A", "s3cr3t-B"));

    String result = source.withCredentials(SecretsManagerSecretsTest::loginAcceptingOnlyB);

    assertThat(result).isEqualTo("logged in with s3cr3t-B");
    assertThat(source.current().password()).isEqualTo("s3cr3t-B");
    assertThat(requested).hasSize(2);
  }

  @Test
  void otherFailuresAreNotRetried() {
    server.put("blackwater/source", RDS_STYLE);
    Credentials source = Credentials.fromSecret("source", "blackwater/source", secrets);

    assertThatThrownBy(
            () ->
                source.withCredentials(
                    config -> {
                      throw new Database(config).failure(new SQLException("refused", "08001"));
                    }))
        .hasMessageStartingWith("cannot reach the source database at db.internal:5433/totesys");
    assertThat(requested).hasSize(1);
  }

  private static String loginAcceptingOnlyB(DatabaseConfig config) {
    if (!config.password().equals("s3cr3t-B")) {
      throw new Database(config)
          .failure(new SQLException("password authentication failed for user \"reader\"", "28P01"));
    }
    return "logged in with " + config.password();
  }
}
