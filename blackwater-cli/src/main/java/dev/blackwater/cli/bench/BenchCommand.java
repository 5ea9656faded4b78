package dev.blackwater.cli.bench;

import dev.blackwater.catalog.TableCatalog;
import dev.blackwater.cli.Composition;
import dev.blackwater.cli.EmbeddedPostgres;
import dev.blackwater.cli.LogSetup;
import dev.blackwater.cli.TextTable;
import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.DatabaseSettings;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.config.PipelineConfig;
import dev.blackwater.config.SecretReader;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.duckdb.DuckDbSession;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.Extractor;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.load.LoadResult;
import dev.blackwater.load.Loader;
import dev.blackwater.pipeline.Blackwater;
import dev.blackwater.pipeline.RunResult;
import dev.blackwater.pipeline.StageListener;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.SeedResult;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.TotesysSchema;
import dev.blackwater.transform.TransformResult;
import dev.blackwater.transform.Transformer;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blackwater bench}: seeds an embedded totesys at each scale and measures each stage beside
 * the physical limit, measured in the same run on the same server: raw {@code COPY ... TO STDOUT}
 * for extract, raw {@code COPY ... FROM STDIN} into unindexed tables for load, and COPY out then in
 * for a whole cycle.
 */
@Command(
    name = "bench",
    description = {
      "Measure extract, transform, load and a whole run at each scale, beside the physical limit",
      "(raw COPY out, raw COPY in, and both) measured in the same run on an embedded PostgreSQL.",
      "Prints figures; touches nothing of yours."
    })
public final class BenchCommand implements Callable<Integer> {

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

  private Clock clock() {
    return Composition.of(spec).clock();
  }

  @Override
  public Integer call() throws Exception {
    LogSetup.quiet(Composition.of(spec).configuration(spec).debug());
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir == null ? Files.createTempDirectory("blackwater-bench") : dir;
    Files.createDirectories(work);
    TextTable stages =
        new TextTable(
            "scale",
            "stage",
            ">rows",
            ">seconds",
            ">rows/s",
            "limit",
            ">limit rows/s",
            ">ratio",
            ">peak heap MB");
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.start(
            work.resolve("postgres"),
            Map.of(
                "shared_buffers", "512MB", "max_wal_size", "8GB", "checkpoint_timeout", "30min"))) {
      int n = 0;
      for (double scale : scales) {
        n++;
        new Scale(postgres, work.resolve("scale-" + n), "s" + n, scale, out, stages, clock())
            .measure();
      }
    } finally {
      if (dir == null) {
        deleteTree(work);
      }
    }
    out.println();
    out.println(stages);
    out.printf(
        Locale.ROOT,
        "(max heap %,d MB; %d processors)%n",
        HeapWatch.maxHeapBytes() >> 20,
        Runtime.getRuntime().availableProcessors());
    return 0;
  }

  /** One scale's measurements. */
  private record Scale(
      EmbeddedPostgres postgres,
      Path work,
      String name,
      double scale,
      PrintWriter out,
      TextTable table,
      Clock clock) {

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
      ExtractSettings extractSettings = ExtractSettings.defaults();
      TransformSettings transformSettings = TransformSettings.defaults().withTempDirectory(work);
      LoadSettings loadSettings = LoadSettings.defaults().withTempDirectory(work);

      RawCopy.copyOut(source, TableCatalog.TOTESYS, extractSettings.parallelism(), null); // warm up
      warmUpDuckDb(work);
      RawCopy.Outcome rawOut =
          RawCopy.copyOut(source, TableCatalog.TOTESYS, extractSettings.parallelism(), null);
      LocalLakeStore ingestion = new LocalLakeStore(work.resolve("lake/ingestion"));
      LocalLakeStore processed = new LocalLakeStore(work.resolve("lake/processed"));
      HeapWatch.reset();
      long t0 = System.nanoTime();
      ExtractResult extracted =
          new Extractor(source, ingestion, extractSettings, clock).extract("bench");
      double extractSeconds = seconds(t0);
      row("extract", extracted.rows(), extractSeconds, "COPY out", rawOut.rowsPerSecond());
      note(
          String.format(
              Locale.ROOT,
              "extract: %,d rows, %,d bytes gzip",
              extracted.rows(),
              extracted.bytes()));

      HeapWatch.reset();
      t0 = System.nanoTime();
      TransformResult transformed =
          new Transformer(ingestion, processed, transformSettings, clock).transform("bench");
      double transformSeconds = seconds(t0);
      row("transform (facts)", transformed.factRows(), transformSeconds, "target", 1_000_000);
      note(
          String.format(
              Locale.ROOT,
              "transform: %,d rows (%,d fact rows)",
              transformed.rows(),
              transformed.factRows()));

      new WarehouseSchema(warehouse, loadSettings.schema()).migrate(); // setup, like the raw tables
      HeapWatch.reset();
      t0 = System.nanoTime();
      LoadResult loaded = new Loader(warehouse, processed, loadSettings, clock).load("bench");
      double loadSeconds = seconds(t0);
      List<String> warehouseTables =
          Arrays.stream(WarehouseTable.values()).map(WarehouseTable::tableName).toList();
      Path dump = Files.createDirectories(work.resolve("dump-warehouse"));
      RawCopy.copyOut(warehouse, warehouseTables, 1, dump);
      RawCopy.Outcome rawIn =
          RawCopy.copyIn(warehouse, "public", warehouseTables, dump, "raw_copy_in");
      deleteTree(dump);
      row("load", loaded.rows(), loadSeconds, "COPY in", rawIn.rowsPerSecond());

      DatabaseConfig warehouse2 = postgres.createDatabase("warehouse", "run_" + name);
      PipelineConfig config =
          new PipelineConfig(
              DatabaseSettings.of(source),
              DatabaseSettings.of(warehouse2),
              Optional.of(work.resolve("run/ingestion").toUri()),
              Optional.of(work.resolve("run/processed").toUri()),
              extractSettings,
              transformSettings,
              loadSettings);
      new WarehouseSchema(warehouse2, loadSettings.schema()).migrate();
      HeapWatch.reset();
      t0 = System.nanoTime();
      RunResult run =
          new Blackwater(config, LakeStores.local(), SecretReader.none(), clock)
              .pipeline(StageListener.NONE)
              .run("bench-run", () -> false);
      double runSeconds = seconds(t0);
      Path sourceDump = Files.createDirectories(work.resolve("dump-source"));
      long roundTripStarted = System.nanoTime();
      RawCopy.copyOut(source, TableCatalog.TOTESYS, extractSettings.parallelism(), sourceDump);
      RawCopy.Outcome roundTripIn =
          RawCopy.copyIn(source, "public", TableCatalog.TOTESYS, sourceDump, "raw_round_trip");
      double roundTripSeconds = seconds(roundTripStarted); // out and in, as a user would
      deleteTree(sourceDump);
      row(
          "run (end to end)",
          run.extract().rows(),
          runSeconds,
          "COPY out+in",
          roundTripIn.rows() / roundTripSeconds);
      deleteTree(work);
    }

    /** Loads DuckDB's native library once, as any long-running process has, outside the timings. */
    private static void warmUpDuckDb(Path work) throws Exception {
      try (DuckDbSession duck = new DuckDbSession("256MB", 1, work.resolve("warm-up"))) {
        duck.queryLong("SELECT 42");
      }
    }

    private void row(String stage, long rows, double seconds, String limit, double limitRate) {
      double rate = rows / seconds;
      table.row(
          scale,
          stage,
          rows,
          String.format(Locale.ROOT, "%.2f", seconds),
          Math.round(rate),
          limit,
          Math.round(limitRate),
          String.format(Locale.ROOT, "%.0f%%", 100 * rate / limitRate),
          HeapWatch.peakBytes() >> 20);
      note(
          String.format(
              Locale.ROOT,
              "%s: %,d rows in %.2f s = %,d rows/s (%s %,d rows/s)",
              stage,
              rows,
              seconds,
              Math.round(rate),
              limit,
              Math.round(limitRate)));
    }

    private void note(String text) {
      out.printf(Locale.ROOT, "scale %s: %s%n", scale, text);
      out.flush();
    }

    private static double seconds(long started) {
      return (System.nanoTime() - started) / 1e9;
    }
  }

  private static void deleteTree(Path root) throws IOException {
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
