package dev.blackwater.cli;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.WarehouseMode;
import dev.blackwater.warehouse.WarehouseSchema;
import picocli.CommandLine.Option;

/** Where the warehouse is, which schema, and who owns that schema. */
public final class WarehouseOptions {

  @Option(
      names = "--warehouse-url",
      paramLabel = "JDBC_URL",
      description = "JDBC URL of the warehouse (env BLACKWATER_WAREHOUSE_URL).")
  String url;

  @Option(
      names = "--warehouse-user",
      paramLabel = "USER",
      description = "Warehouse user (env BLACKWATER_WAREHOUSE_USER), unless in the URL.")
  String user;

  @Option(
      names = "--warehouse-password",
      paramLabel = "PASSWORD",
      description = "Warehouse password (env BLACKWATER_WAREHOUSE_PASSWORD), unless in the URL.")
  String password;

  @Option(
      names = "--warehouse-schema",
      paramLabel = "SCHEMA",
      defaultValue = "public",
      description =
          "Schema to load into (default ${DEFAULT-VALUE}; env BLACKWATER_WAREHOUSE_SCHEMA).")
  String schema;

  @Option(
      names = "--warehouse-mode",
      paramLabel = "migrate|check",
      defaultValue = "migrate",
      description = {
        "migrate: create and migrate the schema (default);",
        "check: the schema was prepared by another team: check it, never create or alter tables."
      })
  WarehouseMode mode;

  /** Whether a warehouse URL or secret was given. */
  public boolean configured() {
    return url != null && !url.isBlank() || secret != null && !secret.isBlank();
  }

  @Option(
      names = "--warehouse-secret",
      paramLabel = "SECRET_ID",
      description =
          "AWS Secrets Manager id of the warehouse credentials (env BLACKWATER_WAREHOUSE_SECRET); wins over the URL.")
  String secret;

  /** The warehouse database as configured: from the secret when one is named. */
  public DatabaseConfig config() {
    if (secret != null && !secret.isBlank()) {
      return SecretCredentials.fetch("warehouse", secret);
    }
    return new DatabaseConfig("warehouse", url, user, password);
  }

  /** The target schema. */
  public String schema() {
    return schema;
  }

  /** Who owns the schema. */
  public WarehouseMode mode() {
    return mode;
  }

  /** The schema handle. */
  public WarehouseSchema warehouseSchema() {
    return new WarehouseSchema(config(), schema);
  }
}
