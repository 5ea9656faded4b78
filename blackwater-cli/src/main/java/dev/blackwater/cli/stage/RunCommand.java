package dev.blackwater.cli.stage;

import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.cli.Composition;
import dev.blackwater.cli.DurationConverter;
import dev.blackwater.cli.RunContext;
import dev.blackwater.cli.TakesSettings;
import dev.blackwater.cli.TextTable;
import dev.blackwater.config.GcSettings;
import dev.blackwater.config.Setting;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Settings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.TableExtract;
import dev.blackwater.lake.GcResult;
import dev.blackwater.load.BatchLoadResult;
import dev.blackwater.load.LoadResult;
import dev.blackwater.pipeline.Blackwater;
import dev.blackwater.pipeline.Pipeline;
import dev.blackwater.pipeline.RunResult;
import dev.blackwater.pipeline.StageListener;
import dev.blackwater.transform.ProcessedBatch;
import dev.blackwater.transform.TransformResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater run}: one cycle of extract, transform and load, or one every interval. */
@Command(
    name = "run",
    description = {
      "One cycle: extract, transform, load, with progress per stage and a closing table.",
      "With --watch, one cycle every DURATION (default 5m) until Ctrl-C, which stops cleanly",
      "between stages. After a cycle, once every --gc-interval (default 24h), gc removes from",
      "local zones what runs that died before their manifest left, older than --gc-grace."
    })
public final class RunCommand implements Callable<Integer>, TakesSettings {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = "--watch",
      arity = "0..1",
      fallbackValue = "5m",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Repeat every DURATION (default 5m, like the AWS schedule) until Ctrl-C.")
  Duration watch;

  @Option(names = "--json", description = "Print each cycle's result as JSON.")
  boolean json;

  @Override
  public List<Setting> settings() {
    return Settings.of(
        Group.SOURCE,
        Group.WAREHOUSE,
        Group.LAKE,
        Group.EXTRACT,
        Group.WORK,
        Group.TRANSFORM,
        Group.GC,
        Group.AWS);
  }

  @Override
  public Integer call() throws InterruptedException {
    GcSettings gc = Composition.of(spec).configuration(spec).gc();
    Duration retention = Composition.of(spec).configuration(spec).icebergRetention();
    Blackwater blackwater = Composition.of(spec).blackwater(spec);
    PrintWriter out = spec.commandLine().getOut();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              if (stopped.getCount() > 0) {
                out.println("Stopping after the current stage ...");
                out.flush();
                awaitQuietly(stopped);
              }
            },
            "blackwater-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return cycles(blackwater, gc, retention, out, stop);
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it is waiting for us to get here
      }
    }
  }

  private int cycles(
      Blackwater blackwater,
      GcSettings gc,
      Duration retention,
      PrintWriter out,
      AtomicBoolean stop) {
    Pipeline pipeline = blackwater.pipeline(json ? StageListener.NONE : new ProgressLines(out));
    while (true) {
      long started = System.nanoTime();
      String runId = RunContext.start(blackwater.clock());
      try {
        RunResult result = pipeline.run(runId, stop::get);
        out.println(json ? ResultJson.write(result) : describe(result));
        if (!stop.get()) {
          collectIfDue(blackwater, gc, runId, out);
          maintainIfDue(blackwater, gc, retention, runId);
        }
      } catch (BlackwaterException e) {
        if (watch == null) {
          throw e;
        }
        LOG.error("cycle {} failed: {}", runId, e.getMessage());
        out.println("Cycle " + runId + " failed: " + e.getMessage());
      }
      out.flush();
      if (watch == null || stop.get()) {
        return 0;
      }
      long next = started + watch.toNanos();
      out.printf(
          Locale.ROOT,
          "Next cycle in %s (Ctrl-C to stop).%n",
          StatusCommand.duration(Duration.ofNanos(next - System.nanoTime())));
      out.flush();
      while (System.nanoTime() < next) {
        if (stop.get()) {
          return 0;
        }
        try {
          Thread.sleep(Math.min(200, Math.max(1, (next - System.nanoTime()) / 1_000_000)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return 0;
        }
      }
    }
  }

  /**
   * Compacts the Iceberg tables and expires their old snapshots when that has not run for the gc
   * interval: a failure costs a warning, never the cycle.
   */
  private static void maintainIfDue(
      Blackwater blackwater, GcSettings gc, Duration retention, String runId) {
    if (gc.interval().isEmpty()) {
      return;
    }
    try {
      blackwater.lakeMaintenance().ifPresent(m -> m.maintainIfDue(gc.interval().get(), retention));
    } catch (RuntimeException e) {
      LOG.warn("Iceberg maintenance after cycle {} failed: {}", runId, e.getMessage());
    }
  }

  /**
   * Runs gc in the local zones when it has not run there for the interval: a failure costs a
   * warning, never the cycle.
   */
  private void collectIfDue(Blackwater blackwater, GcSettings gc, String runId, PrintWriter out) {
    if (gc.interval().isEmpty()) {
      return;
    }
    try {
      Optional<GcResult> result =
          blackwater.lakeGc(gc.grace()).collectIfDue(runId, gc.interval().get());
      if (result.isPresent() && result.get().orphans() > 0 && !json) {
        out.printf(
            Locale.ROOT,
            "gc removed %,d uncommitted object(s), %,d bytes, older than %s"
                + " (listed under _gc/ in each zone).%n",
            result.get().orphans(),
            result.get().bytes(),
            StatusCommand.duration(gc.grace()));
      }
    } catch (RuntimeException e) {
      LOG.warn("gc after cycle {} failed: {}", runId, e.getMessage());
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The closing table of a cycle. */
  public static String describe(RunResult result) {
    StringBuilder text = new StringBuilder();
    TextTable stages = new TextTable("stage", "batch", ">rows", ">seconds");
    ExtractResult e = result.extract();
    stages.row(
        Stage.EXTRACT.label(), e.batch().orElse("nothing new"), e.rows(), seconds(e.duration()));
    if (result.transform() != null) {
      TransformResult t = result.transform();
      stages.row(
          Stage.TRANSFORM.label(),
          t.nothingNew() ? "nothing new" : t.newestBatch(),
          t.rows(),
          seconds(t.duration()));
    }
    if (result.load() != null) {
      LoadResult l = result.load();
      stages.row(
          Stage.LOAD.label(),
          l.nothingNew() ? "nothing new" : l.newestBatch(),
          l.rows(),
          seconds(l.duration()));
    }
    text.append(stages).append("\n\n");
    if (!e.nothingNew()) {
      TextTable sources = new TextTable("source table", ">rows extracted");
      for (TableExtract t : e.tables()) {
        sources.row(t.table(), t.rows());
      }
      text.append(sources).append("\n\n");
    }
    Map<String, long[]> warehouseRows = new LinkedHashMap<>();
    if (result.transform() != null) {
      for (ProcessedBatch batch : result.transform().batches()) {
        batch
            .tables()
            .forEach(
                (table, rows) -> warehouseRows.computeIfAbsent(table, k -> new long[2])[0] += rows);
      }
    }
    if (result.load() != null) {
      for (BatchLoadResult batch : result.load().batches()) {
        batch
            .changed()
            .forEach(
                (table, rows) -> warehouseRows.computeIfAbsent(table, k -> new long[2])[1] += rows);
      }
    }
    if (!warehouseRows.isEmpty()) {
      TextTable tables = new TextTable("warehouse table", ">rows transformed", ">rows loaded");
      warehouseRows.forEach((table, rows) -> tables.row(table, rows[0], rows[1]));
      text.append(tables).append("\n\n");
    }
    text.append(
        String.format(
            Locale.ROOT,
            "Cycle %s %s in %.1f s. Freshness lag: %s (warehouse fresh as of %s; newest source"
                + " change in it: %s, %s old).",
            result.runId(),
            result.stopped() ? "stopped before load" : "done",
            result.duration().toMillis() / 1000.0,
            StatusCommand.duration(result.freshnessLag()),
            result.load() == null || result.load().warehouseFreshAsOf() == null
                ? "-"
                : result.load().warehouseFreshAsOf().truncatedTo(ChronoUnit.SECONDS),
            result.newestVersion() == null ? "none" : result.newestVersion(),
            StatusCommand.duration(
                result.load() == null ? null : result.load().newestChangeAge())));
    return text.toString();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
  }

  /** Prints a line as each stage ends. */
  private record ProgressLines(PrintWriter out) implements StageListener {
    @Override
    public void extracted(ExtractResult r) {
      line(
          "extract   "
              + (r.nothingNew()
                  ? "nothing new"
                  : String.format(
                      Locale.ROOT, "%,d rows into batch %s", r.rows(), r.batch().orElseThrow())),
          r.duration());
    }

    @Override
    public void transformed(TransformResult r) {
      line(
          "transform "
              + (r.nothingNew()
                  ? "nothing new"
                  : String.format(
                      Locale.ROOT, "%,d rows in %d batch(es)", r.rows(), r.batches().size())),
          r.duration());
    }

    @Override
    public void loaded(LoadResult r) {
      line(
          "load      "
              + (r.nothingNew()
                  ? "nothing new"
                  : String.format(
                      Locale.ROOT, "%,d rows in %d batch(es)", r.rows(), r.batches().size())),
          r.duration());
    }

    private void line(String text, Duration took) {
      out.printf(Locale.ROOT, "%s (%.1f s)%n", text, took.toMillis() / 1000.0);
      out.flush();
    }
  }
}
