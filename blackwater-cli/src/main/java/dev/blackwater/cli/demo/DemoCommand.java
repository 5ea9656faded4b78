package dev.blackwater.cli.demo;

import dev.blackwater.cli.Composition;
import dev.blackwater.cli.EmbeddedPostgres;
import dev.blackwater.cli.LogSetup;
import dev.blackwater.cli.RunContext;
import dev.blackwater.cli.dashboard.DashboardFile;
import dev.blackwater.cli.stage.RunCommand;
import dev.blackwater.cli.stage.VerifyCommand;
import dev.blackwater.config.Database;
import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.DatabaseSettings;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.config.PipelineConfig;
import dev.blackwater.config.SecretReader;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.pipeline.Blackwater;
import dev.blackwater.pipeline.Pipeline;
import dev.blackwater.pipeline.RunResult;
import dev.blackwater.pipeline.StageListener;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.SeedResult;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.SimulateOptions;
import dev.blackwater.totesys.SimulateResult;
import dev.blackwater.totesys.Simulator;
import dev.blackwater.totesys.TotesysSchema;
import dev.blackwater.verify.VerifyReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater demo}: the whole pipeline on embedded defaults, no setup. */
@Command(
    name = "demo",
    description = {
      "Start an embedded PostgreSQL with a scale-1 totesys (two years of history up to yesterday)",
      "and an empty warehouse, run the full pipeline into local lake folders, then a few rounds of",
      "today's simulated activity each followed by a run, verify, and write the dashboard. Ends",
      "with where everything is and the commands to run the real thing."
    })
public final class DemoCommand implements Callable<Integer> {

  private static final String MARKER = ".blackwater-demo";

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      defaultValue = "blackwater-demo",
      description = "Where the demo keeps its files; emptied first (default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description = "Rounds of simulated activity (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(
      names = "--keep",
      description = "Leave the database running (until Ctrl-C) and print its URL.")
  boolean keep;

  private Clock clock() {
    return Composition.of(spec).clock();
  }

  @Override
  public Integer call() throws IOException, SQLException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    LogSetup.quiet(Composition.of(spec).configuration(spec).debug());
    Path home = prepare(dir.toAbsolutePath().normalize());
    long started = System.nanoTime();
    out.println("Blackwater demo in " + home);
    out.println("1. Starting an embedded PostgreSQL ...");
    out.flush();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start(home.resolve("postgres"))) {
      DatabaseConfig source = postgres.createDatabase("source", "totesys");
      DatabaseConfig warehouse = postgres.createDatabase("warehouse", "warehouse");
      LocalDate lastDay = LocalDate.ofInstant(clock().instant(), ZoneOffset.UTC).minusDays(1);
      out.println(
          "2. Creating and seeding totesys (scale 1, two years of history up to "
              + lastDay
              + ") ...");
      out.flush();
      try (Connection c = new Database(source).open()) {
        TotesysSchema.create(c);
        SeedResult seeded = new Seeder().seed(c, new SeedOptions(1, 42).endingOn(lastDay));
        out.printf(Locale.ROOT, "   %,d rows in 11 tables%n", seeded.totalRows());
      }
      Path ingestion = home.resolve("lake/ingestion");
      Path processed = home.resolve("lake/processed");
      Blackwater blackwater =
          new Blackwater(
              new PipelineConfig(
                  DatabaseSettings.of(source),
                  DatabaseSettings.of(warehouse),
                  Optional.of(ingestion.toUri()),
                  Optional.of(processed.toUri()),
                  ExtractSettings.defaults(),
                  TransformSettings.defaults().withTempDirectory(home),
                  LoadSettings.defaults().withTempDirectory(home)),
              LakeStores.local(),
              SecretReader.none(),
              clock());
      Pipeline pipeline = blackwater.pipeline(StageListener.NONE);
      out.println("3. Running the pipeline: extract -> transform -> load ...");
      cycle(pipeline, out);
      for (int round = 1; round <= rounds; round++) {
        try (Connection c = new Database(source).open()) {
          SimulateResult changed =
              new Simulator(clock()).simulate(c, new SimulateOptions(150, round));
          out.printf(
              Locale.ROOT,
              "%d. Simulated activity, round %d of %d: %d changes; running again ...%n",
              3 + round,
              round,
              rounds,
              changed.total());
        }
        cycle(pipeline, out);
      }
      out.printf(Locale.ROOT, "%d. Verifying source, lake and warehouse ...%n", 4 + rounds);
      VerifyReport report = blackwater.verifier().verify();
      out.println(VerifyCommand.describe(report));
      Path dashboard = home.resolve("dashboard.html");
      DashboardFile.create(
          warehouse,
          "public",
          dashboard,
          clock(),
          Optional.ofNullable(blackwater.status().report().warehouseFreshAsOf()));
      writeDotEnv(home, source, warehouse, ingestion, processed);
      out.printf(Locale.ROOT, "%n%d. Dashboard written to %s%n%n", 5 + rounds, dashboard);
      summary(
          out, home, source, warehouse, ingestion, processed, (System.nanoTime() - started) / 1e9);
      if (!report.ok()) {
        throw new BlackwaterException(
            ErrorCode.DATA_QUALITY, "the demo's verify found mismatches (see above)");
      }
      if (keep) {
        out.println(
            "The database keeps running at "
                + source.redactedUrl().replace("/totesys", "/")
                + " until you press Ctrl-C.");
        out.flush();
        waitForever();
      }
    }
    return 0;
  }

  private void cycle(Pipeline pipeline, PrintWriter out) {
    RunResult result = pipeline.run(RunContext.start(clock()), () -> false);
    out.println(indent(RunCommand.describe(result)));
    out.flush();
  }

  private void summary(
      PrintWriter out,
      Path home,
      DatabaseConfig source,
      DatabaseConfig warehouse,
      Path ingestion,
      Path processed,
      double seconds) {
    out.printf(Locale.ROOT, "Done in %.0f s. Everything is under %s:%n", seconds, home);
    out.println("  lake/ingestion   the ingestion zone (zstd CSV batches and their manifests)");
    out.println(
        "  lake/processed   the processed zone (Parquet star schema and manifests, as Iceberg"
            + " tables)");
    out.println("  dashboard.html   the dashboard: open it in a browser");
    out.println("  .env             the settings below, read by blackwater in that folder");
    out.println();
    out.println("Ask the lake itself, no warehouse needed (SQL over its Iceberg tables, DuckDB):");
    out.println(
        "  cd "
            + home
            + " && "
            + launcher()
            + " query \"SELECT count(*) FROM fact_sales_order_current\"");
    out.println();
    out.println("To run the real thing against your own databases:");
    out.println(
        "  bin/blackwater run --source-url jdbc:postgresql://HOST:5432/totesys --source-user USER \\");
    out.println(
        "      --warehouse-url jdbc:postgresql://HOST:5432/warehouse --warehouse-user USER \\");
    out.println("      --ingestion /path/to/lake/ingestion --processed /path/to/lake/processed");
    out.println(
        "  (passwords: --source-password/--warehouse-password or BLACKWATER_*_PASSWORD; see the README)");
    out.println();
    out.println(
        keep
            ? "While this demo runs (--keep), try against its databases:"
            : "Rerun with --keep to leave its databases running, then try:");
    out.println("  cd " + home + " && " + launcher() + " status");
    out.println("  cd " + home + " && " + launcher() + " run --watch 1m");
    out.println("  cd " + home + " && " + launcher() + " verify");
    out.println(
        "  psql " + psql(warehouse) + " -c 'SELECT count(*) FROM fact_sales_order_current'");
    out.flush();
  }

  private String launcher() {
    String script = Composition.of(spec).variable("BLACKWATER_LAUNCHER").orElse(null);
    return script == null || script.isBlank() ? "blackwater" : script;
  }

  private static String psql(DatabaseConfig db) {
    return "'"
        + db.redactedUrl().replace("jdbc:", "").replace("?user=postgres", "")
        + "' -U postgres";
  }

  private static void writeDotEnv(
      Path home, DatabaseConfig source, DatabaseConfig warehouse, Path ingestion, Path processed)
      throws IOException {
    String env =
        "# Written by blackwater demo: the demo's databases (running only with --keep) and lake.\n"
            + "BLACKWATER_SOURCE_URL="
            + source.url()
            + "\n"
            + "BLACKWATER_SOURCE_USER=postgres\n"
            + "BLACKWATER_WAREHOUSE_URL="
            + warehouse.url()
            + "\n"
            + "BLACKWATER_WAREHOUSE_USER=postgres\n"
            + "BLACKWATER_INGESTION="
            + ingestion.toUri()
            + "\n"
            + "BLACKWATER_PROCESSED="
            + processed.toUri()
            + "\n";
    Files.writeString(home.resolve(".env"), env, StandardCharsets.UTF_8);
  }

  /** Empties a previous demo's folder; refuses a folder that is not one. */
  private static Path prepare(Path home) throws IOException {
    if (Files.isDirectory(home)) {
      boolean empty;
      try (Stream<Path> entries = Files.list(home)) {
        empty = entries.findAny().isEmpty();
      }
      if (!empty && !Files.exists(home.resolve(MARKER))) {
        throw new BlackwaterException(
            ErrorCode.CONFIGURATION,
            home + " exists and was not made by blackwater demo: choose another --dir");
      }
      try (Stream<Path> files = Files.walk(home)) {
        for (Path p :
            files.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(home)).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(home);
    Files.writeString(home.resolve(MARKER), "made by blackwater demo; emptied by the next demo\n");
    return home;
  }

  private static void waitForever() throws InterruptedException {
    new CountDownLatch(1).await();
  }

  private static String indent(String text) {
    return "   " + text.replace("\n", "\n   ");
  }
}
