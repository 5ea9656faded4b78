package dev.blackwater.cli.bench;

import dev.blackwater.catalog.TableCatalog;
import dev.blackwater.cli.EmbeddedPostgres;
import dev.blackwater.cli.TextTable;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.Extractor;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.SeedResult;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.TotesysSchema;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blackwater bench}: seeds an embedded totesys at each scale and measures the pipeline's
 * stages beside the physical limit measured in the same run on the same database.
 */
@Command(
    name = "bench",
    description = {
      "Measure extract (rows/s, peak heap) beside raw COPY ... TO STDOUT of the same tables,",
      "on an embedded PostgreSQL seeded at each scale. Prints figures; changes nothing of yours."
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

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path work = dir == null ? Files.createTempDirectory("blackwater-bench") : dir;
    Files.createDirectories(work);
    TextTable table =
        new TextTable(
            "scale",
            ">rows",
            ">raw COPY rows/s",
            ">extract rows/s",
            ">extract/raw",
            ">peak heap MB",
            ">max heap MB");
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.start(
            work.resolve("postgres"),
            Map.of(
                "shared_buffers", "512MB", "max_wal_size", "4GB", "synchronous_commit", "off"))) {
      int n = 0;
      for (double scale : scales) {
        DatabaseConfig source = postgres.createDatabase("source", "totesys_" + (++n));
        out.printf("scale %s: seeding ...%n", scale);
        out.flush();
        SeedResult seeded;
        try (Connection c = source.open()) {
          TotesysSchema.create(c);
          seeded = new Seeder().seed(c, new SeedOptions(scale, 42));
        }
        ExtractSettings settings = ExtractSettings.defaults();
        RawCopy.copyOut(source, TableCatalog.TOTESYS, settings.parallelism()); // warm the cache
        RawCopy.Outcome raw = RawCopy.copyOut(source, TableCatalog.TOTESYS, settings.parallelism());
        Path lake = work.resolve("lake-" + n);
        HeapWatch.reset();
        long started = System.nanoTime();
        ExtractResult extracted =
            new Extractor(source, new LocalLakeStore(lake), settings, Clock.systemUTC())
                .extract("bench");
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = HeapWatch.peakBytes();
        double rawRate = raw.rows() / raw.seconds();
        double extractRate = extracted.rows() / seconds;
        table.row(
            scale,
            seeded.totalRows(),
            Math.round(rawRate),
            Math.round(extractRate),
            String.format("%.0f%%", 100 * extractRate / rawRate),
            peak >> 20,
            HeapWatch.maxHeapBytes() >> 20);
        out.printf(
            "scale %s: raw COPY %,d rows in %.2f s; extract %,d rows in %.2f s (%,d bytes gzip)%n",
            scale, raw.rows(), raw.seconds(), extracted.rows(), seconds, extracted.bytes());
        out.flush();
        deleteTree(lake);
      }
    } finally {
      if (dir == null) {
        deleteTree(work);
      }
    }
    out.println();
    out.println(table);
    return 0;
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
