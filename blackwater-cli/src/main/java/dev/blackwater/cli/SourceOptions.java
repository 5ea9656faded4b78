package dev.blackwater.cli;

import dev.blackwater.config.DatabaseConfig;
import picocli.CommandLine.Option;

/** Where the totesys database is. */
public final class SourceOptions {

  @Option(
      names = "--source-url",
      paramLabel = "JDBC_URL",
      description = "JDBC URL of totesys (env BLACKWATER_SOURCE_URL).")
  String url;

  @Option(
      names = "--source-user",
      paramLabel = "USER",
      description = "totesys user (env BLACKWATER_SOURCE_USER), unless in the URL.")
  String user;

  @Option(
      names = "--source-password",
      paramLabel = "PASSWORD",
      description = "totesys password (env BLACKWATER_SOURCE_PASSWORD), unless in the URL.")
  String password;

  @Option(
      names = "--source-secret",
      paramLabel = "SECRET_ID",
      description =
          "AWS Secrets Manager id of the source credentials (env BLACKWATER_SOURCE_SECRET); wins over the URL.")
  String secret;

  /** The source database as configured: from the secret when one is named. */
  public DatabaseConfig config() {
    if (secret != null && !secret.isBlank()) {
      return SecretCredentials.fetch("source", secret);
    }
    return new DatabaseConfig("source", url, user, password);
  }
}
