package dev.blackwater.cli.dashboard;

import dev.blackwater.cli.Composition;
import dev.blackwater.cli.RunContext;
import dev.blackwater.cli.TakesSettings;
import dev.blackwater.config.Setting;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Settings;
import dev.blackwater.pipeline.Blackwater;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code blackwater dashboard --out FILE.html}. */
@Command(
    name = "dashboard",
    description = {
      "Write a self-contained HTML dashboard of the warehouse: sales by month, currency, design,",
      "staff, department and delivery place, purchases and payments, paid versus unpaid.",
      "The page needs no network to view; its queries are the files dashboard/*.sql. Given the",
      "lake (--ingestion, --processed), the page also says how fresh the warehouse is, as",
      "blackwater status does."
    })
public final class DashboardCommand implements Callable<Integer>, TakesSettings {

  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE.html",
      description = "Where to write the page (replaced if it exists).")
  Path out;

  @Override
  public List<Setting> settings() {
    return Settings.of(Group.WAREHOUSE, Group.LAKE, Group.AWS);
  }

  @Override
  public Integer call() {
    Blackwater blackwater = Composition.of(spec).blackwater(spec);
    RunContext.start(blackwater.clock());
    RunContext.stage("dashboard");
    String schema = blackwater.config().load().schema();
    DashboardSnapshot snapshot =
        DashboardFile.create(
            blackwater.warehouse().current(),
            schema,
            out,
            blackwater.clock(),
            freshAsOf(blackwater));
    Path written = out.toAbsolutePath().normalize();
    spec.commandLine()
        .getOut()
        .printf(
            Locale.ROOT,
            "Dashboard of schema %s at %s (%s) written to %s%n",
            schema,
            snapshot.warehouse(),
            describe(snapshot),
            written);
    return 0;
  }

  /** What the page shows, in a few words: its facts, their newest change, the freshness. */
  private static String describe(DashboardSnapshot snapshot) {
    if (snapshot.empty()) {
      return "no facts yet";
    }
    String facts =
        String.format(
            Locale.ROOT,
            "%,d facts, newest change %s",
            snapshot.facts(),
            DashboardPage.sourceTime(snapshot.newestChange().orElseThrow()));
    return snapshot.freshAsOf().isEmpty()
        ? facts
        : facts + ", up to date as of " + DashboardPage.freshAsOf(snapshot);
  }

  /**
   * The warehouse's freshness as {@code blackwater status} tells it, when both lake zones are given
   * (their options, the environment or {@code .env}, as in the demo's folder); else empty.
   */
  private static Optional<Instant> freshAsOf(Blackwater blackwater) {
    if (blackwater.config().ingestion().isEmpty() || blackwater.config().processed().isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(blackwater.status().report().warehouseFreshAsOf());
  }
}
