package dev.blackwater.config;

import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Setting.Type;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of Blackwater, in one table: the command line takes them as options, the Lambda
 * handlers as variables, and both read them through {@link Configuration}. docs/configuration.md is
 * generated from this table ({@link SettingsReference}).
 */
public final class Settings {

  public static final Setting SOURCE_URL =
      new Setting(
          "source-url",
          Group.SOURCE,
          Type.JDBC_URL,
          null,
          "JDBC URL of totesys, e.g. jdbc:postgresql://host:5432/totesys.",
          false);
  public static final Setting SOURCE_USER =
      new Setting(
          "source-user", Group.SOURCE, Type.TEXT, null, "totesys user, unless in the URL.", false);
  public static final Setting SOURCE_PASSWORD =
      new Setting(
          "source-password",
          Group.SOURCE,
          Type.SECRET_TEXT,
          null,
          "totesys password, unless in the URL.",
          true);
  public static final Setting SOURCE_SECRET =
      new Setting(
          "source-secret",
          Group.SOURCE,
          Type.TEXT,
          null,
          "AWS Secrets Manager name or ARN of the totesys credentials (JSON with host, port,"
              + " dbname, username, password); its fields win over the URL's, and a secret with"
              + " only username and password (as RDS manages them) takes the rest from the URL.",
          false);
  public static final Setting SOURCE_SSLMODE =
      new Setting(
          "source-sslmode",
          Group.SOURCE,
          Type.CHOICE,
          null,
          "TLS to totesys: disable, allow, prefer, require, verify-ca or verify-full (default:"
              + " the driver's prefer; on Lambda and in the Fargate image verify-full). A"
              + " sslmode in the URL wins.",
          false);
  public static final Setting SOURCE_SSLROOTCERT =
      new Setting(
          "source-sslrootcert",
          Group.SOURCE,
          Type.FILE,
          null,
          "CA bundle (PEM) that totesys's certificate must chain to with verify-ca or"
              + " verify-full, e.g. the RDS global bundle (default: ~/.postgresql/root.crt; on"
              + " Lambda /var/task/rds-global-bundle.pem, which the artifact carries).",
          false);

  public static final Setting WAREHOUSE_URL =
      new Setting(
          "warehouse-url",
          Group.WAREHOUSE,
          Type.JDBC_URL,
          null,
          "JDBC URL of the warehouse.",
          false);
  public static final Setting WAREHOUSE_USER =
      new Setting(
          "warehouse-user",
          Group.WAREHOUSE,
          Type.TEXT,
          null,
          "Warehouse user, unless in the URL.",
          false);
  public static final Setting WAREHOUSE_PASSWORD =
      new Setting(
          "warehouse-password",
          Group.WAREHOUSE,
          Type.SECRET_TEXT,
          null,
          "Warehouse password, unless in the URL.",
          true);
  public static final Setting WAREHOUSE_SECRET =
      new Setting(
          "warehouse-secret",
          Group.WAREHOUSE,
          Type.TEXT,
          null,
          "AWS Secrets Manager name or ARN of the warehouse credentials; its fields win over"
              + " the URL's, and a secret with only username and password takes the rest from"
              + " the URL.",
          false);
  public static final Setting WAREHOUSE_SSLMODE =
      new Setting(
          "warehouse-sslmode",
          Group.WAREHOUSE,
          Type.CHOICE,
          null,
          "TLS to the warehouse, as --source-sslmode.",
          false);
  public static final Setting WAREHOUSE_SSLROOTCERT =
      new Setting(
          "warehouse-sslrootcert",
          Group.WAREHOUSE,
          Type.FILE,
          null,
          "CA bundle (PEM) of the warehouse's certificate, as --source-sslrootcert.",
          false);
  public static final Setting WAREHOUSE_SCHEMA =
      new Setting(
          "warehouse-schema", Group.WAREHOUSE, Type.TEXT, "public", "Schema to load into.", false);
  public static final Setting WAREHOUSE_MODE =
      new Setting(
          "warehouse-mode",
          Group.WAREHOUSE,
          Type.CHOICE,
          "migrate",
          "migrate: Blackwater creates and migrates its schema; check: another team prepared it,"
              + " Blackwater checks it and never creates or alters tables.",
          false);

  public static final Setting INGESTION =
      new Setting(
          "ingestion",
          Group.LAKE,
          Type.ZONE,
          null,
          "Ingestion zone: file:///path, a local path, or s3://bucket/prefix.",
          false);
  public static final Setting PROCESSED =
      new Setting(
          "processed",
          Group.LAKE,
          Type.ZONE,
          null,
          "Processed zone: file:///path, a local path, or s3://bucket/prefix.",
          false);
  public static final Setting CATALOG =
      new Setting(
          "catalog",
          Group.LAKE,
          Type.TEXT,
          "auto",
          "The processed zone's Iceberg catalog: auto (a local zone: a SQLite file beside it,"
              + " <processed>/_iceberg/catalog.db; an S3 zone: the deployment's catalog, Glue on"
              + " AWS, else none), jdbc:sqlite:<file> (that SQLite file, for any zone) or none"
              + " (no Iceberg tables: manifests and Parquet only).",
          false);
  public static final Setting ICEBERG_RETENTION =
      new Setting(
          "iceberg-retention",
          Group.LAKE,
          Type.DURATION,
          "7d",
          "How long an Iceberg snapshot stays reachable for time travel after a newer one"
              + " replaced it; lake expire (and run, daily) drops older snapshots from the"
              + " tables' metadata (their files stay: committed manifests name them).",
          false);

  public static final Setting TABLES =
      new Setting(
          "tables",
          Group.EXTRACT,
          Type.LIST,
          null,
          "Source tables to extract (default: the 11 totesys tables).",
          false);
  public static final Setting SOURCE_SCHEMA =
      new Setting(
          "source-schema",
          Group.EXTRACT,
          Type.TEXT,
          "public",
          "Schema of the source tables.",
          false);
  public static final Setting OVERLAP =
      new Setting(
          "overlap",
          Group.EXTRACT,
          Type.DURATION,
          "15m",
          "How far below the last watermark each extract reads again, to catch rows committed"
              + " late with an older last_updated (docs/lake-layout.md).",
          false);
  public static final Setting PARALLELISM =
      new Setting(
          "parallelism",
          Group.EXTRACT,
          Type.COUNT,
          "2",
          "Tables extracted at once, each on its own connection to one shared snapshot.",
          false);
  public static final Setting PART_SIZE =
      new Setting(
          "part-size",
          Group.EXTRACT,
          Type.SIZE,
          "64MB",
          "Compressed size above which a table's object is split into parts.",
          false);
  public static final Setting ACCEPT_ADDED_COLUMNS =
      new Setting(
          "accept-added-columns",
          Group.EXTRACT,
          Type.FLAG,
          "false",
          "Accept columns added to a source table since the last batch (recorded in the"
              + " manifest); otherwise such a batch fails.",
          false);

  public static final Setting KEY_CHECK_EVERY =
      new Setting(
          "key-check-every",
          Group.EXTRACT,
          Type.COUNT,
          "1",
          "Look for rows deleted from the source in every N-th batch: the keys of each table"
              + " PostgreSQL's statistics show lost rows are read in the extract's snapshot and"
              + " compared with the lake's; 1: every run, 0: never (docs/operations.md).",
          false);
  public static final Setting MAX_DELETE_SHARE =
      new Setting(
          "max-delete-share",
          Group.EXTRACT,
          Type.SHARE,
          "10%",
          "The share of a table's keys that may vanish from the source in one run; above it, or"
              + " when a table becomes empty, the run refuses and writes nothing (exit code 7)"
              + " until --allow-mass-delete.",
          false);
  public static final Setting ALLOW_MASS_DELETE =
      new Setting(
          "allow-mass-delete",
          Group.EXTRACT,
          Type.FLAG,
          "false",
          "Confirm deletions above --max-delete-share (or a table emptied): the run records them"
              + " and they reach the warehouse.",
          false);

  public static final Setting MEMORY_LIMIT =
      new Setting(
          "memory-limit",
          Group.WORK,
          Type.SIZE,
          "auto",
          "Memory DuckDB may use before it spills to disk, in transform and in load; auto: a"
              + " quarter of the machine's (or the Lambda function's) memory, at most 256MB (they"
              + " stream their large tables, so more buys no speed and memory stays flat).",
          false);
  public static final Setting TEMP_DIR =
      new Setting(
          "temp-dir",
          Group.WORK,
          Type.PATH,
          null,
          "Where transform and load work and DuckDB spills; emptied after each run (default: the"
              + " system temporary directory, /tmp on Lambda).",
          false);
  public static final Setting THREADS =
      new Setting(
          "threads",
          Group.WORK,
          Type.COUNT,
          null,
          "DuckDB threads (default: one per processor).",
          false);

  public static final Setting MAX_REJECTED_ROWS =
      new Setting(
          "max-rejected-rows",
          Group.TRANSFORM,
          Type.COUNT,
          "0",
          "Rows per batch that may be set aside as unusable (a malformed date, an amount that"
              + " does not fit the warehouse) before the batch fails; 0 fails on the first.",
          false);

  public static final Setting GC_GRACE =
      new Setting(
          "gc-grace",
          Group.GC,
          Type.DURATION,
          "24h",
          "How old an object no committed manifest names (left by a run that died before its"
              + " manifest) must be before gc removes it: longer than any run can take (a Lambda"
              + " function 15m, the Fargate task 3h, an execution 4h), so that a run still writing"
              + " never loses an object; at least 1h. lake gc --older-than overrides it.",
          false);
  public static final Setting GC_INTERVAL =
      new Setting(
          "gc-interval",
          Group.GC,
          Type.DURATION,
          "24h",
          "How often run removes uncommitted objects from local zones, after a cycle, when gc"
              + " last ran there longer ago (its records are under _gc/); off: never. S3 zones"
              + " are left to the bucket's lifecycle rule. Also how often run, and on AWS the"
              + " state machine's Maintain state, compact and expire the Iceberg tables.",
          false);

  public static final Setting AWS_REGION =
      new Setting(
          "aws-region",
          Group.AWS,
          Type.TEXT,
          null,
          "AWS region of the S3 and Secrets Manager clients (default: the AWS SDK's chain,"
              + " AWS_REGION or the profile).",
          false);
  public static final Setting S3_ENDPOINT =
      new Setting(
          "s3-endpoint",
          Group.AWS,
          Type.ENDPOINT,
          null,
          "An S3-compatible server (MinIO, a test server) instead of AWS's, addressed"
              + " path-style.",
          false);
  public static final Setting SECRETS_ENDPOINT =
      new Setting(
          "secrets-endpoint",
          Group.AWS,
          Type.ENDPOINT,
          null,
          "A Secrets Manager compatible endpoint instead of AWS's.",
          false);

  public static final Setting GLUE_DATABASE =
      new Setting(
          "glue-database",
          Group.AWS,
          Type.TEXT,
          null,
          "The Glue database of an S3 processed zone's Iceberg tables: given, their catalog is"
              + " AWS Glue's (Terraform's glue_database, which it sets on the functions and the"
              + " Fargate task).",
          false);
  public static final Setting GLUE_ENDPOINT =
      new Setting(
          "glue-endpoint",
          Group.AWS,
          Type.ENDPOINT,
          null,
          "A Glue compatible endpoint instead of AWS's.",
          false);

  public static final Setting LAMBDA_MAX_BACKLOG =
      new Setting(
          "lambda-max-backlog",
          Group.LAMBDA,
          Type.SIZE,
          null,
          "The most a transform or load function takes on in one run, in bytes of its pending"
              + " batches (compressed CSV for transform, Parquet for load); above it the function does"
              + " nothing and answers delegated, and the state machine runs that stage on"
              + " Fargate (default: no limit). Terraform sets it (lambda_max_backlog_bytes).",
          false);

  public static final Setting LOG_FORMAT =
      new Setting(
          "log-format",
          Group.LOGGING,
          Type.CHOICE,
          "text",
          "Log lines on stderr as readable text or JSON lines (with run id, stage and table).",
          false);
  public static final Setting DEBUG =
      new Setting(
          "debug",
          Group.LOGGING,
          Type.FLAG,
          "false",
          "Debug log lines, and stack traces on failure.",
          false);

  /** Every setting, in the reference's order. */
  public static final List<Setting> ALL =
      List.of(
          SOURCE_URL,
          SOURCE_USER,
          SOURCE_PASSWORD,
          SOURCE_SECRET,
          SOURCE_SSLMODE,
          SOURCE_SSLROOTCERT,
          WAREHOUSE_URL,
          WAREHOUSE_USER,
          WAREHOUSE_PASSWORD,
          WAREHOUSE_SECRET,
          WAREHOUSE_SSLMODE,
          WAREHOUSE_SSLROOTCERT,
          WAREHOUSE_SCHEMA,
          WAREHOUSE_MODE,
          INGESTION,
          PROCESSED,
          CATALOG,
          ICEBERG_RETENTION,
          TABLES,
          SOURCE_SCHEMA,
          OVERLAP,
          PARALLELISM,
          PART_SIZE,
          ACCEPT_ADDED_COLUMNS,
          KEY_CHECK_EVERY,
          MAX_DELETE_SHARE,
          ALLOW_MASS_DELETE,
          MEMORY_LIMIT,
          TEMP_DIR,
          THREADS,
          MAX_REJECTED_ROWS,
          GC_GRACE,
          GC_INTERVAL,
          AWS_REGION,
          S3_ENDPOINT,
          SECRETS_ENDPOINT,
          GLUE_DATABASE,
          GLUE_ENDPOINT,
          LAMBDA_MAX_BACKLOG,
          LOG_FORMAT,
          DEBUG);

  private Settings() {}

  /** The settings of the groups named, in the table's order. */
  public static List<Setting> of(Group... groups) {
    Set<Group> wanted = EnumSet.noneOf(Group.class);
    wanted.addAll(Arrays.asList(groups));
    return ALL.stream().filter(s -> wanted.contains(s.group())).toList();
  }

  /** The setting with this flag ({@code --overlap}) or variable ({@code BLACKWATER_OVERLAP}). */
  public static Optional<Setting> named(String flagOrVariable) {
    return ALL.stream()
        .filter(s -> s.flag().equals(flagOrVariable) || s.variable().equals(flagOrVariable))
        .findFirst();
  }
}
