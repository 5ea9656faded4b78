package dev.blackwater.cli.lake;

import dev.blackwater.ResultJson;
import dev.blackwater.cli.Composition;
import dev.blackwater.cli.DurationConverter;
import dev.blackwater.cli.RunContext;
import dev.blackwater.cli.TakesSettings;
import dev.blackwater.cli.TextTable;
import dev.blackwater.cli.stage.StatusCommand;
import dev.blackwater.config.Setting;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Settings;
import dev.blackwater.iceberg.LakeMaintenance;
import dev.blackwater.iceberg.LakeTables;
import dev.blackwater.lake.GcResult;
import dev.blackwater.lake.LakeGc;
import dev.blackwater.lake.Orphan;
import dev.blackwater.lake.ZoneSweep;
import dev.blackwater.pipeline.Blackwater;
import dev.blackwater.warehouse.WarehouseTable;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code blackwater lake}: the lake on its own. */
@Command(
    name = "lake",
    description = {
      "The lake on its own: gc removes what killed runs left behind; migrate, compact and",
      "expire look after the processed zone's Iceberg tables."
    },
    subcommands = {
      LakeCommand.Gc.class,
      LakeCommand.Migrate.class,
      LakeCommand.Compact.class,
      LakeCommand.Expire.class
    })
public final class LakeCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "name a subcommand: gc, migrate, compact or expire");
  }

  /**
   * What {@code migrate}, {@code compact} and {@code expire} share: the lake's and the work
   * folder's settings, a run context named after the subcommand, the pipeline over them.
   */
  abstract static class IcebergSubcommand implements Callable<Integer>, TakesSettings {

    @Spec CommandSpec spec;

    @Override
    public final List<Setting> settings() {
      return Settings.of(Group.LAKE, Group.WORK, Group.AWS);
    }

    @Override
    public final Integer call() {
      Composition composition = Composition.of(spec);
      RunContext.start(composition.clock());
      RunContext.stage(spec.name());
      spec.commandLine().getOut().println(run(composition, composition.blackwater(spec)));
      return 0;
    }

    /** Does the subcommand's work; returns what to print. */
    abstract String run(Composition composition, Blackwater blackwater);
  }

  /** {@code blackwater lake migrate}. */
  @Command(
      name = "migrate",
      description = {
        "Bring the processed zone into its Iceberg tables, in place: every committed processed",
        "batch the tables do not have yet is appended, oldest first (Parquet written before",
        "Iceberg is read by column name; a fact object spanning months is split into one per",
        "month under _iceberg/data/). Nothing else changes: the ingestion zone, the batches'",
        "objects and manifests stay as they are. Running it again does nothing."
      })
  public static final class Migrate extends IcebergSubcommand {

    @Override
    String run(Composition composition, Blackwater blackwater) {
      LakeTables tables = blackwater.requireLakeTables();
      List<String> batches = tables.catchUp();
      for (WarehouseTable table : WarehouseTable.values()) {
        tables.table(table); // every table exists, also one no batch has rows for yet
      }
      return batches.isEmpty()
          ? "The Iceberg tables have every committed processed batch"
              + tables.committedThrough().map(b -> " (up to " + b + ")").orElse("")
              + "; nothing to do."
          : "Appended "
              + batches.size()
              + " processed batch(es) to the Iceberg tables: "
              + batches.get(0)
              + (batches.size() > 1 ? " to " + batches.get(batches.size() - 1) : "")
              + ".";
    }
  }

  /** {@code blackwater lake compact}. */
  @Command(
      name = "compact",
      description = {
        "Rewrite each fact table's partitions (a month each) of many small files into one file,",
        "committed as an Iceberg replace: the rows stay the same. The files replaced stay in the",
        "lake (their batches' manifests name them); run, and on AWS the state machine, also",
        "compact once per gc interval."
      })
  public static final class Compact extends IcebergSubcommand {

    @Option(
        names = "--min-files",
        paramLabel = "N",
        description = "Compact a partition with at least this many files (default: 2).")
    int minFiles = 2;

    @Override
    String run(Composition composition, Blackwater blackwater) {
      blackwater.requireLakeTables().catchUp();
      LakeMaintenance.Compaction done =
          blackwater.lakeMaintenance().orElseThrow().compact(minFiles);
      if (done.replaced().isEmpty()) {
        return "No partition has " + minFiles + " files or more.";
      }
      TextTable table = new TextTable("table", ">files replaced", ">files written");
      done.replaced().forEach((t, n) -> table.row(t, n, done.written().get(t)));
      return table.toString();
    }
  }

  /** {@code blackwater lake expire}. */
  @Command(
      name = "expire",
      description = {
        "Drop from the Iceberg tables' metadata the snapshots replaced longer ago than",
        "--iceberg-retention (time travel reaches back that far). No file is deleted: the",
        "batches' objects stay, named by their manifests (on S3 the pipeline may not delete)."
      })
  public static final class Expire extends IcebergSubcommand {

    @Override
    String run(Composition composition, Blackwater blackwater) {
      Duration retention = composition.configuration(spec).icebergRetention();
      blackwater.requireLakeTables();
      Map<String, Integer> expired = blackwater.lakeMaintenance().orElseThrow().expire(retention);
      return expired.isEmpty()
          ? "No snapshot older than " + StatusCommand.duration(retention) + " to expire."
          : "Expired "
              + expired.values().stream().mapToInt(Integer::intValue).sum()
              + " snapshot(s) older than "
              + StatusCommand.duration(retention)
              + ": "
              + expired;
    }
  }

  /** {@code blackwater lake gc}. */
  @Command(
      name = "gc",
      description = {
        "Remove what runs killed before their manifest left, older than the grace period.",
        "In both zones, the objects no committed manifest names and the unfinished writes, once",
        "older than the grace period; never an object of a batch still in flight (younger than",
        "the grace period, or claimed since). S3 zones are only listed: the bucket's lifecycle",
        "rule expires objects still tagged uncommitted, and nothing there may delete."
      })
  public static final class Gc implements Callable<Integer>, TakesSettings {

    @Spec CommandSpec spec;

    @Option(
        names = "--older-than",
        paramLabel = "DURATION",
        converter = DurationConverter.class,
        description =
            "The grace period: only objects older than this go (default: --gc-grace,"
                + " BLACKWATER_GC_GRACE, 24h; at least 1h).")
    Duration olderThan;

    @Option(names = "--dry-run", description = "List exactly what would go; remove nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public List<Setting> settings() {
      return Settings.of(Group.LAKE, Group.AWS);
    }

    @Override
    public Integer call() {
      Composition composition = Composition.of(spec);
      Duration grace = olderThan != null ? olderThan : composition.configuration(spec).gc().grace();
      if (grace.compareTo(LakeGc.MIN_GRACE) < 0) {
        throw new ParameterException(
            spec.commandLine(),
            "--older-than "
                + StatusCommand.duration(grace)
                + " is shorter than 1h: a run still writing could lose its objects");
      }
      String runId = RunContext.start(composition.clock());
      RunContext.stage("gc");
      GcResult result = composition.blackwater(spec).lakeGc(grace).collect(runId, dryRun);
      spec.commandLine().getOut().println(json ? ResultJson.write(result) : describe(result));
      return 0;
    }
  }

  /** The text a gc prints: per zone what went (or would go, or is left to expire) and why. */
  public static String describe(GcResult result) {
    StringBuilder text = new StringBuilder();
    for (ZoneSweep zone : result.zones()) {
      text.append(zone.zone())
          .append(": ")
          .append(
              String.format(
                  Locale.ROOT,
                  "%,d object(s) looked at, %,d of batches in flight kept",
                  zone.scanned(),
                  zone.inFlight()))
          .append("\n");
      if (zone.orphans().isEmpty()) {
        text.append("  nothing uncommitted older than ")
            .append(StatusCommand.duration(result.olderThan()))
            .append("\n");
      } else {
        TextTable orphans = new TextTable("uncommitted object", "batch", "why", ">bytes");
        for (Orphan o : zone.orphans()) {
          orphans.row(o.key(), o.batch(), o.why(), o.bytes());
        }
        text.append(orphans.toString().indent(2))
            .append("  ")
            .append(verb(zone.disposal()))
            .append(
                String.format(
                    Locale.ROOT, " %,d object(s), %,d bytes", zone.orphans().size(), zone.bytes()))
            .append(zone.disposal() == ZoneSweep.Disposal.LEFT_TO_EXPIRE ? " (" + EXPIRY + ")" : "")
            .append("\n");
      }
      for (String key : zone.unrecognised()) {
        text.append("  kept, not a key of the lake's layout: ").append(key).append("\n");
      }
    }
    return text.toString().stripTrailing();
  }

  private static final String EXPIRY =
      "the bucket's lifecycle rule expires objects still tagged uncommitted";

  private static String verb(ZoneSweep.Disposal disposal) {
    return switch (disposal) {
      case DELETED -> "removed";
      case WOULD_DELETE -> "would remove";
      case LEFT_TO_EXPIRE -> "left to expire:";
    };
  }
}
