package dev.blackwater.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lake gc} and the gc that {@code run} does by itself, as a user types them: a run, then the
 * objects a killed run left in both zones, a day and an hour later.
 */
class LakeGcCommandIT {

  private final Clock clock = TestClock.ticking();
  private final Cli firstDay = new Cli(clock);
  private final Cli nextDay = new Cli(Clock.offset(clock, Duration.ofHours(25)));

  @TempDir Path dir;
  private TestDatabase source;
  private TestDatabase warehouse;
  private final List<String> orphans = new ArrayList<>();

  @BeforeEach
  void aRunAndWhatAKilledOneLeft() {
    source = PostgresServer.shared().createDatabase("gc_source");
    warehouse = PostgresServer.shared().createDatabase("gc_warehouse");
    assertThat(firstDay.run(args("totesys", "create")).exitCode()).isZero();
    assertThat(firstDay.run(args("totesys", "seed", "--scale", "0.02")).exitCode()).isZero();
    Cli.Outcome run = firstDay.run(args("run"));
    assertThat(run.exitCode()).as(run.all()).isZero();

    BatchId killed = new BatchId(2, clock.instant());
    orphans.add(plant("ingestion", killed.objectKey("sales_order", ".csv.gz")));
    orphans.add(plant("processed", killed.objectKey("fact_sales_order", ".parquet")));
  }

  @AfterEach
  void drop() {
    source.close();
    warehouse.close();
  }

  @Test
  void aDryRunListsWhatWouldGoAndLakeGcRemovesIt() throws Exception {
    List<String> before = files();

    Cli.Outcome dry = nextDay.run(args("lake", "gc", "--dry-run"));
    Cli.Outcome json = nextDay.run(args("lake", "gc", "--dry-run", "--json"));

    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.out())
        .contains("uncommitted object", "no manifest", "would remove 1 object(s)")
        .contains(orphans.get(0).substring("ingestion/".length()))
        .contains(orphans.get(1).substring("processed/".length()));
    assertThat(files()).isEqualTo(before);
    JsonNode result = ResultJson.mapper().readTree(json.out());
    assertThat(result.get("dryRun").asBoolean()).isTrue();
    List<String> listed = new ArrayList<>();
    for (JsonNode zone : result.get("zones")) {
      assertThat(zone.get("disposal").asText()).isEqualTo("WOULD_DELETE");
      String name = zone.get("zone").asText().contains("ingestion") ? "ingestion/" : "processed/";
      zone.get("orphans").forEach(o -> listed.add(name + o.get("key").asText()));
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(orphans);

    Cli.Outcome tooYoung = nextDay.run(args("lake", "gc", "--older-than", "2d"));
    assertThat(tooYoung.out()).contains("nothing uncommitted older than 2d 0h");
    Cli.Outcome gc = nextDay.run(args("lake", "gc"));

    assertThat(gc.exitCode()).as(gc.all()).isZero();
    assertThat(gc.out()).contains("removed 1 object(s)");
    assertThat(files()).doesNotContainAnyElementsOf(orphans);
    assertThat(before).containsAll(orphans);
    List<String> removed = new ArrayList<>(before);
    removed.removeAll(files());
    assertThat(removed).containsExactlyInAnyOrderElementsOf(orphans);
  }

  @Test
  void aGracePeriodUnderAnHourIsAUsageError() {
    Cli.Outcome refused = nextDay.run(args("lake", "gc", "--older-than", "10m"));
    Cli.Outcome noSubcommand = nextDay.run("lake");

    assertThat(refused.exitCode()).isEqualTo(2);
    assertThat(refused.err()).contains("--older-than 10m 0s is shorter than 1h");
    assertThat(files()).containsAll(orphans);
    assertThat(noSubcommand.exitCode()).isEqualTo(2);
    assertThat(noSubcommand.err()).contains("name a subcommand: gc");
  }

  @Test
  void runRemovesThemByItselfOncePerInterval() {
    Cli.Outcome off = nextDay.run(args("run", "--gc-interval", "off"));
    assertThat(off.exitCode()).as(off.all()).isZero();
    assertThat(files()).containsAll(orphans);

    Cli.Outcome run = nextDay.run(args("run"));

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("gc removed 2 uncommitted object(s)");
    assertThat(files()).doesNotContainAnyElementsOf(orphans);
    assertThat(files()).filteredOn(f -> f.contains("/_gc/")).hasSize(4);

    String another =
        plant("ingestion", new BatchId(3, clock.instant()).objectKey("payment", ".csv.gz"));
    Cli.Outcome soon = nextDay.run(args("run"));
    assertThat(soon.out()).doesNotContain("gc removed");
    assertThat(files()).contains(another);
  }

  private String plant(String zone, String key) {
    LakeStore lake = new LocalLakeStore(dir.resolve(zone));
    lake.put(key, "rows of a run killed before its manifest".getBytes(StandardCharsets.UTF_8));
    return zone + "/" + key;
  }

  private List<String> files() {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
          .filter(k -> k.startsWith("ingestion/") || k.startsWith("processed/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String[] args(String... command) {
    List<String> all = new ArrayList<>(List.of(command));
    if (command[0].equals("totesys") || command[0].equals("run")) {
      all.addAll(List.of("--source-url", source.jdbcUrl(), "--source-user", source.user()));
    }
    if (command[0].equals("run")) {
      all.addAll(
          List.of(
              "--warehouse-url",
              warehouse.jdbcUrl(),
              "--warehouse-user",
              warehouse.user(),
              "--temp-dir",
              dir.toString()));
    }
    if (!command[0].equals("totesys")) {
      all.addAll(
          List.of(
              "--ingestion",
              dir.resolve("ingestion").toString(),
              "--processed",
              dir.resolve("processed").toString()));
    }
    return all.toArray(String[]::new);
  }
}
