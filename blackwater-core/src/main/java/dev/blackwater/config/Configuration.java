package dev.blackwater.config;

import dev.blackwater.catalog.TableCatalog;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pipeline's configuration, read from {@link Settings} through one {@link SettingSource}: the
 * command line's (options, then the environment, then {@code .env}) or a Lambda function's (its
 * environment). Every value is parsed here, the same way for both; a malformed one is a
 * CONFIGURATION error naming the option and the variable.
 */
public final class Configuration {

  /**
   * The most {@code memory-limit=auto} gives DuckDB: the transform and the load stream their large
   * tables (what DuckDB holds does not grow with a batch), so more buys no speed, and a run's
   * memory stays flat whatever the scale (docs/development.md#memory).
   */
  static final long AUTO_MEMORY_CAP = 256L << 20;

  /** The shortest gc grace period accepted (as the lake's gc has it). */
  private static final Duration MIN_GRACE = Duration.ofHours(1);

  private static final Pattern SIZE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(|B|KB|KIB|MB|MIB|GB|GIB|TB|TIB)");

  private final SettingSource source;
  private final Supplier<Machine> machine;
  private Machine measured;

  public Configuration(SettingSource source, Machine machine) {
    this(source, () -> machine);
  }

  /** A configuration that asks for the machine only when a default needs it. */
  public Configuration(SettingSource source, Supplier<Machine> machine) {
    this.source = source;
    this.machine = machine;
  }

  /** Every setting at its default, on this machine. */
  public static Configuration defaults() {
    return new Configuration(SettingSource.none(), Machine::current);
  }

  private synchronized Machine machine() {
    if (measured == null) {
      measured = machine.get();
    }
    return measured;
  }

  /** The value given for {@code setting}, else its default, else empty. */
  public Optional<String> text(Setting setting) {
    return source.value(setting).or(() -> Optional.ofNullable(setting.defaultValue()));
  }

  /** The totesys database as configured. */
  public DatabaseSettings source() {
    return database(
        "source",
        Settings.SOURCE_URL,
        Settings.SOURCE_USER,
        Settings.SOURCE_PASSWORD,
        Settings.SOURCE_SECRET,
        tls(Settings.SOURCE_SSLMODE, Settings.SOURCE_SSLROOTCERT));
  }

  /** The warehouse database as configured. */
  public DatabaseSettings warehouse() {
    return database(
        "warehouse",
        Settings.WAREHOUSE_URL,
        Settings.WAREHOUSE_USER,
        Settings.WAREHOUSE_PASSWORD,
        Settings.WAREHOUSE_SECRET,
        tls(Settings.WAREHOUSE_SSLMODE, Settings.WAREHOUSE_SSLROOTCERT));
  }

  /**
   * A database's TLS: the mode parsed here, the CA bundle's existence checked when the database is
   * used ({@link DatabaseSettings#credentials}), so that a stage that does not touch it is not
   * stopped by it.
   */
  private DatabaseTls tls(Setting mode, Setting rootCert) {
    return new DatabaseTls(
        source.value(mode).map(value -> parsed(mode, DatabaseTls.Mode::parse)),
        source.value(rootCert).map(Path::of),
        mode,
        rootCert);
  }

  /** The ingestion zone, if given. */
  public Optional<URI> ingestion() {
    return zone(Settings.INGESTION);
  }

  /** The processed zone, if given. */
  public Optional<URI> processed() {
    return zone(Settings.PROCESSED);
  }

  /** How extract runs. */
  public ExtractSettings extract() {
    List<String> tables =
        source
            .value(Settings.TABLES)
            .map(
                v ->
                    Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .toList())
            .orElse(TableCatalog.TOTESYS);
    return new ExtractSettings(
        tables,
        required(Settings.SOURCE_SCHEMA),
        duration(Settings.OVERLAP),
        positive(Settings.PARALLELISM),
        bytes(Settings.PART_SIZE),
        flag(Settings.ACCEPT_ADDED_COLUMNS),
        ExtractSettings.DEFAULT_CLAIM_LEASE,
        new DeleteSettings(
            (int)
                Math.min(
                    Integer.MAX_VALUE,
                    parsed(Settings.KEY_CHECK_EVERY, Configuration::nonNegative)),
            parsed(Settings.MAX_DELETE_SHARE, Configuration::share),
            flag(Settings.ALLOW_MASS_DELETE)));
  }

  /** How transform runs. */
  public TransformSettings transform() {
    return new TransformSettings(
        memoryLimit(),
        tempDirectory(),
        threads(),
        parsed(Settings.MAX_REJECTED_ROWS, Configuration::nonNegative),
        TransformSettings.DEFAULT_CLAIM_LEASE);
  }

  /** How load runs. */
  public LoadSettings load() {
    return new LoadSettings(
        required(Settings.WAREHOUSE_SCHEMA),
        warehouseMode(),
        tempDirectory(),
        memoryLimit(),
        LoadSettings.DEFAULT_BULK_ROWS);
  }

  /** Everything a cycle needs. */
  public PipelineConfig pipeline() {
    return new PipelineConfig(
        source(), warehouse(), ingestion(), processed(), extract(), transform(), load());
  }

  /** The processed zone's Iceberg catalog: auto, none or jdbc:sqlite:<file>. */
  public String catalog() {
    return required(Settings.CATALOG).trim();
  }

  /** How long a replaced Iceberg snapshot stays reachable. */
  public Duration icebergRetention() {
    return duration(Settings.ICEBERG_RETENTION);
  }

  /** How gc removes what killed runs left in the lake. */
  public GcSettings gc() {
    Duration grace = duration(Settings.GC_GRACE);
    if (grace.compareTo(MIN_GRACE) < 0) {
      throw malformed(
          Settings.GC_GRACE,
          required(Settings.GC_GRACE),
          "is shorter than 1h: gc could take the objects of a run still writing them");
    }
    String interval = required(Settings.GC_INTERVAL).trim();
    return new GcSettings(
        grace,
        interval.equalsIgnoreCase("off")
            ? Optional.empty()
            : Optional.of(duration(Settings.GC_INTERVAL)).filter(d -> !d.isZero()));
  }

  /** How to build the AWS clients. */
  public AwsSettings aws() {
    return new AwsSettings(
        source.value(Settings.AWS_REGION),
        endpoint(Settings.S3_ENDPOINT),
        endpoint(Settings.SECRETS_ENDPOINT));
  }

  /** The most bytes of pending batches a Lambda function takes on in one run, if limited. */
  public Optional<Long> lambdaMaxBacklog() {
    return source.value(Settings.LAMBDA_MAX_BACKLOG).map(v -> bytes(Settings.LAMBDA_MAX_BACKLOG));
  }

  /** Who owns the warehouse schema. */
  public WarehouseMode warehouseMode() {
    String value = required(Settings.WAREHOUSE_MODE);
    try {
      return WarehouseMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw malformed(Settings.WAREHOUSE_MODE, value, "must be migrate or check");
    }
  }

  /** Whether log lines are JSON. */
  public boolean jsonLogs() {
    String value = required(Settings.LOG_FORMAT).trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "json" -> true;
      case "text" -> false;
      default -> throw malformed(Settings.LOG_FORMAT, value, "must be text or json");
    };
  }

  /** Whether to log debug lines. */
  public boolean debug() {
    return flag(Settings.DEBUG);
  }

  /** DuckDB's memory limit in its notation ({@code 512MB}); {@code auto} resolved. */
  public String memoryLimit() {
    String value = required(Settings.MEMORY_LIMIT);
    if (value.trim().equalsIgnoreCase("auto")) {
      long quarter = Math.max(64L << 20, machine().memoryBytes() / 4);
      return (Math.min(quarter, AUTO_MEMORY_CAP) >> 20) + "MB";
    }
    try {
      return MemoryLimit.normalize(value);
    } catch (BlackwaterException e) {
      throw malformed(Settings.MEMORY_LIMIT, value, "is not a size (examples: 512MB, 1GB, auto)");
    }
  }

  private Path tempDirectory() {
    return source.value(Settings.TEMP_DIR).map(Path::of).orElse(machine().tempDirectory());
  }

  private int threads() {
    return source.value(Settings.THREADS).isPresent()
        ? positive(Settings.THREADS)
        : machine().processors();
  }

  private DatabaseSettings database(
      String role, Setting url, Setting user, Setting password, Setting secret, DatabaseTls tls) {
    return new DatabaseSettings(
        role,
        source.value(url).orElse(null),
        source.value(user).orElse(null),
        source.value(password).orElse(null),
        source.value(secret),
        tls);
  }

  private Optional<URI> zone(Setting setting) {
    return source.value(setting).map(value -> zone(setting, value));
  }

  private static URI zone(Setting setting, String value) {
    if (!value.contains(":")) {
      return Path.of(value).toAbsolutePath().normalize().toUri();
    }
    try {
      URI uri = new URI(value);
      boolean valid =
          switch (uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT)) {
            case "file" -> uri.getPath() != null && uri.getPath().startsWith("/");
            case "s3" -> uri.getHost() != null && !uri.getHost().isBlank();
            default -> false;
          };
      if (valid) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw malformed(setting, value, "is not file:///path, a local path or s3://bucket/prefix");
  }

  private Optional<URI> endpoint(Setting setting) {
    return source
        .value(setting)
        .map(
            value -> {
              try {
                URI uri = new URI(value);
                String scheme =
                    uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                  return uri;
                }
              } catch (URISyntaxException e) {
                // reported below
              }
              throw malformed(setting, value, "is not an endpoint URL like http://localhost:9000");
            });
  }

  private String required(Setting setting) {
    return text(setting)
        .orElseThrow(
            () ->
                new BlackwaterException(ErrorCode.CONFIGURATION, setting.names() + " is not set"));
  }

  private <T> T parsed(Setting setting, Function<String, T> parser) {
    String value = required(setting);
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw malformed(setting, value, e.getMessage());
    }
  }

  private Duration duration(Setting setting) {
    String value = required(setting);
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw malformed(setting, value, "is not a duration (examples: 90s, 15m, 2h, PT15M)");
    }
  }

  private int positive(Setting setting) {
    long n = parsed(setting, Configuration::nonNegative);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw malformed(setting, required(setting), "must be at least 1");
    }
    return (int) n;
  }

  private long bytes(Setting setting) {
    return parsed(setting, Configuration::size);
  }

  private boolean flag(Setting setting) {
    String value = required(setting).trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw malformed(setting, value, "must be true or false");
    };
  }

  private static long nonNegative(String value) {
    try {
      long n = Long.parseLong(value.trim());
      if (n < 0) {
        throw new IllegalArgumentException("must not be negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not a whole number", e);
    }
  }

  /** A share: {@code 10%}, {@code 0.5%}, or a fraction {@code 0.1}; 0 to 1. */
  static double share(String value) {
    String v = value.trim();
    try {
      double share =
          v.endsWith("%")
              ? Double.parseDouble(v.substring(0, v.length() - 1).trim()) / 100
              : Double.parseDouble(v);
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("must be 0% to 100%");
      }
      return share;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is not a share (examples: 10%, 0.5%, 0.1)", e);
    }
  }

  /** A byte size: {@code 512}, {@code 64KB}, {@code 64MB}, {@code 1GB} (powers of 1024). */
  static long size(String value) {
    Matcher m = SIZE.matcher(value.trim().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("is not a size (examples: 512KB, 64MB, 1GB)");
    }
    double n = Double.parseDouble(m.group(1));
    int shift =
        switch (m.group(2)) {
          case "KB", "KIB" -> 10;
          case "MB", "MIB" -> 20;
          case "GB", "GIB" -> 30;
          case "TB", "TIB" -> 40;
          default -> 0;
        };
    return (long) (n * (1L << shift));
  }

  private static BlackwaterException malformed(Setting setting, String value, String problem) {
    String shown = setting.secret() ? "***" : "'" + value + "'";
    return new BlackwaterException(
        ErrorCode.CONFIGURATION, setting.names() + ": " + shown + " " + problem);
  }
}
