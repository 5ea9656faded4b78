package dev.blackwater.cli.bench;

import dev.blackwater.catalog.TableCatalog;
import dev.blackwater.cli.Composition;
import dev.blackwater.cli.EmbeddedPostgres;
import dev.blackwater.cli.LogSetup;
import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.SeedResult;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.TotesysSchema;
import dev.blackwater.warehouse.WarehouseSchema;
import dev.blackwater.warehouse.WarehouseTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blackwater bench}: seeds a totesys at each scale on an embedded PostgreSQL that is as
 * durable as a user's (fsync, synchronous commit and full-page writes on), measures the physical
 * limit on it (the server's own COPY of every table out to files and back into unindexed copies),
 * then runs {@code blackwater run} as a user does, in a process of its own, and sets each stage
 * beside the limit: rows per second, the ratio, the end-to-end ratio, the cycle with nothing new
 * and the run's peak resident memory.
 */
@Command(
    name = "bench",
    description = {
      "Measure a whole run and each of its stages at each scale beside the physical limit",
      "(PostgreSQL's own COPY of every table out to files and back into unindexed copies),",
      "measured in the same run on an embedded PostgreSQL as durable as a user's; the cycle",
      "with nothing new; the run's peak resident memory. Prints figures; touches nothing of",
      "yours."
    })
public final class BenchCommand implements Callable<Integer> {

  /**
   * The server: durable as a user's (the settings a server has unless someone turns them off), and
   * sized for bulk work as a warehouse would be. The limit and the pipeline share it.
   */
  static final Map<String, String> SERVER =
      Map.of(
          "fsync", "on",
          "synchronous_commit", "on",
          "full_page_writes", "on",
          "shared_buffers", "512MB",
          "max_wal_size", "8GB",
          "checkpoint_timeout", "30min");

  @Spec CommandSpec spec;

  @Option(
      names = "--scales",
      split = ",",
      defaultValue = "10,100",
      description = "Scales to measure (default ${DEFAULT-VALUE}).")
  List<Double> scales;

  @Option(
      names = "--dir",
      description = "Working directory (default: a temporary one, removed afterwards).")
  Path dir;

  @Option(
      names = "--java-opts",
      defaultValue = "-Xmx256m",
      description =
          "JVM options of the measured `blackwater run` processes (default ${DEFAULT-VALUE}).")
  String javaOptions;

  @Option(
      names = "--watch-cycles",
      defaultValue = "5",
      description = "Cycles with nothing new timed as `run --watch` runs them (default 5).")
  int watchCycles;

  private Clock clock() {
    return Composition.of(spec).clock();
  }

  @Override
  public Integer call() throws Exception {
    LogSetup.quiet(Composition.of(spec).configuration(spec).debug());
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir == null ? Files.createTempDirectory("blackwater-bench") : dir;
    Files.createDirectories(work);
    BenchTable table = new BenchTable();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(work.resolve("postgres"), SERVER)) {
      int n = 0;
      for (double scale : scales) {
        n++;
        Path scaleDir = work.resolve("scale-" + n);
        new Scale(postgres, scaleDir, "s" + n, scale, out, table).measure();
        deleteTree(scaleDir);
      }
    } finally {
      if (dir == null) {
        deleteTree(work);
      }
    }
    out.println();
    out.println(table);
    out.printf(
        Locale.ROOT,
        "(runs: `blackwater run` in a process of its own with %s; %d processors; server: %s)%n",
        javaOptions,
        Runtime.getRuntime().availableProcessors(),
        new java.util.TreeMap<>(SERVER));
    return 0;
  }

  /** One scale's measurements. */
  private final class Scale {
    private final EmbeddedPostgres postgres;
    private final Path work;
    private final String name;
    private final double scale;
    private final PrintWriter out;
    private final BenchTable table;

    Scale(
        EmbeddedPostgres postgres,
        Path work,
        String name,
        double scale,
        PrintWriter out,
        BenchTable table) {
      this.postgres = postgres;
      this.work = work;
      this.name = name;
      this.scale = scale;
      this.out = out;
      this.table = table;
    }

    void measure() throws Exception {
      Files.createDirectories(work);
      DatabaseConfig source = postgres.createDatabase("source", "totesys_" + name);
      DatabaseConfig warehouse = postgres.createDatabase("warehouse", "warehouse_" + name);
      note("seeding ...");
      SeedResult seeded;
      try (Connection c = new Database(source).open()) {
        TotesysSchema.create(c);
        seeded = new Seeder().seed(c, new SeedOptions(scale, 42));
      }
      note(
          String.format(
              Locale.ROOT,
              "seeded %,d rows in %.1f s",
              seeded.totalRows(),
              seeded.duration().toMillis() / 1000.0));
      int parallelism = ExtractSettings.defaults().parallelism();
      List<String> sourceTables = TableCatalog.TOTESYS;

      // The limit: the server's own COPY out to files, then into unindexed copies.
      Path files = Files.createDirectories(work.resolve("raw"));
      RawCopy.copyOut(source, "public", sourceTables, parallelism, files); // warm up
      RawCopy.checkpoint(source);
      RawCopy.Outcome rawOut = RawCopy.copyOut(source, "public", sourceTables, parallelism, files);
      RawCopy.checkpoint(source);
      RawCopy.Outcome rawIn = RawCopy.copyIn(source, "public", sourceTables, files, "raw_copy");
      RawCopy.drop(source, "raw_copy");
      deleteTree(files);
      note(
          String.format(
              Locale.ROOT,
              "limit: COPY out %,d rows in %.2f s (%d connections), COPY in %.2f s",
              rawOut.rows(),
              rawOut.seconds(),
              parallelism,
              rawIn.seconds()));

      // The run, as a user runs it.
      new WarehouseSchema(warehouse, "public").migrate(); // set up, like the copies' tables
      Map<String, String> settings = settings(source, warehouse);
      ChildRun child =
          new ChildRun(
              Arrays.asList(javaOptions.trim().split("\\s+")), Files.createDirectories(work));
      RawCopy.checkpoint(source);
      ChildRun.Outcome run = child.run(settings);
      long extracted = run.result().path("extract").path("rows").asLong();
      long factRows = run.result().path("transform").path("factRows").asLong();
      long loaded = run.result().path("load").path("rows").asLong();
      note(
          String.format(
              Locale.ROOT,
              "run: %,d rows in %.2f s (extract %.2f s, transform %.2f s, load %.2f s), peak RSS"
                  + " %,d MB",
              extracted,
              run.seconds(),
              run.stageSeconds("extract"),
              run.stageSeconds("transform"),
              run.stageSeconds("load"),
              run.peakRssBytes() >> 20));

      // The load's limit: the loaded rows copied in again, then the warehouse's keys and indexes.
      List<String> warehouseTables =
          Arrays.stream(WarehouseTable.values()).map(WarehouseTable::tableName).toList();
      Path dump = Files.createDirectories(work.resolve("dump"));
      RawCopy.copyOut(warehouse, "public", warehouseTables, parallelism, dump);
      RawCopy.checkpoint(warehouse);
      RawCopy.Outcome loadIn =
          RawCopy.copyIn(warehouse, "public", warehouseTables, dump, "raw_load");
      RawKeys.Outcome keys = RawKeys.build(warehouse, "public", warehouseTables, "raw_load");
      RawCopy.drop(warehouse, "raw_load");
      deleteTree(dump);
      note(
          String.format(
              Locale.ROOT,
              "load limit: COPY in %,d rows in %.2f s, %d keys and indexes %.2f s, %d foreign keys"
                  + " NOT VALID %.2f s (validating them: %.2f s more, not counted)",
              loadIn.rows(),
              loadIn.seconds(),
              keys.keysAndIndexes(),
              keys.keysSeconds(),
              keys.foreignKeys(),
              keys.foreignSeconds(),
              keys.validationSeconds()));

      // A cycle with nothing new: a fresh process, then cycles as `run --watch` runs them.
      ChildRun.Outcome idle = child.run(settings);
      double watch = new WatchCycles(settings, clock()).medianSeconds(watchCycles);
      note(
          String.format(
              Locale.ROOT,
              "nothing new: %.3f s in a fresh process, %.1f ms per `run --watch` cycle",
              idle.seconds(),
              watch * 1000));

      table.add(
          new BenchTable.Figures(
              scale,
              extracted,
              run.stageSeconds("extract"),
              rawOut.rows(),
              rawOut.seconds(),
              parallelism,
              factRows,
              run.stageSeconds("transform"),
              loaded,
              run.stageSeconds("load"),
              loadIn.rows(),
              loadIn.seconds() + keys.seconds(),
              keys.keysAndIndexes() + keys.foreignKeys(),
              run.seconds(),
              rawIn.rows(),
              rawOut.seconds() + rawIn.seconds(),
              idle.seconds(),
              watch,
              run.peakRssBytes()));
    }

    private Map<String, String> settings(DatabaseConfig source, DatabaseConfig warehouse) {
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("BLACKWATER_SOURCE_URL", source.url());
      settings.put("BLACKWATER_SOURCE_USER", source.user());
      settings.put("BLACKWATER_WAREHOUSE_URL", warehouse.url());
      settings.put("BLACKWATER_WAREHOUSE_USER", warehouse.user());
      settings.put("BLACKWATER_INGESTION", work.resolve("lake/ingestion").toString());
      settings.put("BLACKWATER_PROCESSED", work.resolve("lake/processed").toString());
      settings.put("BLACKWATER_TEMP_DIR", work.resolve("tmp").toString());
      return settings;
    }

    private void note(String text) {
      out.printf(Locale.ROOT, "scale %s: %s%n", scale, text);
      out.flush();
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
