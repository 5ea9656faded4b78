package dev.blackwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.blackwater.config.TransformSettings;
import dev.blackwater.lake.BatchId;
import dev.blackwater.lake.BatchLog;
import dev.blackwater.lake.GcResult;
import dev.blackwater.lake.HaltingLakeStore;
import dev.blackwater.lake.LakeGc;
import dev.blackwater.lake.LakeLayout;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.Orphan;
import dev.blackwater.lake.ZoneSweep;
import dev.blackwater.testkit.ChildJvm;
import dev.blackwater.testkit.PostgresServer;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.testkit.TestDatabase;
import dev.blackwater.totesys.SeedOptions;
import dev.blackwater.totesys.Seeder;
import dev.blackwater.totesys.SimulateOptions;
import dev.blackwater.totesys.Simulator;
import dev.blackwater.totesys.TotesysSchema;
import dev.blackwater.transform.TransformResult;
import dev.blackwater.transform.Transformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs killed with {@code kill -9} in the middle of each write of a batch, extract's and then
 * transform's, each in a JVM of its own: every killed run leaves objects behind (written ones and
 * the temporary file of the write it died in), the run after it commits all the same, and {@code
 * lake gc} a day later removes exactly what the killed runs left, while the objects of a run that
 * is writing at that moment survive, and that run then commits and is transformed. Afterwards the
 * zones hold only what committed manifests name, and bookkeeping.
 */
class KilledRunsGcIT {

  private static final Duration GRACE = Duration.ofHours(24);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @TempDir Path dir;
  private final Clock clock = TestClock.ticking();
  private TestDatabase source;
  private Path ingestion;
  private Path processed;

  @BeforeEach
  void source() throws Exception {
    source = PostgresServer.shared().createDatabase("killed_runs_source");
    try (Connection c = source.connect()) {
      TotesysSchema.create(c);
      new Seeder().seed(c, new SeedOptions(0.01, 7));
    }
    ingestion = dir.resolve("ingestion");
    processed = dir.resolve("processed");
    Files.createDirectories(dir.resolve("work"));
  }

  @AfterEach
  void drop() {
    source.close();
  }

  @Test
  void gcRemovesWhatRunsKilledAtEachWriteLeftWhileARunWritingNowKeepsItsObjects() throws Exception {
    Set<String> leftByKilledRuns = new TreeSet<>();
    int extractWrites = killAtEachWrite("extract", ingestion, leftByKilledRuns);
    int transformWrites = killAtEachWrite("transform", processed, leftByKilledRuns);
    assertThat(extractWrites)
        .as("extract's writes of a batch: 11 tables, parts, claim, manifest")
        .isGreaterThanOrEqualTo(13);
    assertThat(transformWrites).as("transform's: tables, state, claim, manifest").isGreaterThan(13);
    assertThat(new BatchLog(new LocalLakeStore(ingestion)).committed()).hasSize(1);
    assertThat(new BatchLog(new LocalLakeStore(processed)).committed()).hasSize(1);

    try (Connection c = source.connect()) {
      new Simulator().simulate(c, new SimulateOptions(200, 11));
    }
    Clock nextDay = Clock.offset(clock, GRACE.plus(Duration.ofHours(2)));
    Path release = dir.resolve("release");
    List<String> beforeTheRunWritingNow = files();
    try (ChildJvm writing = start(nextDay, "extract", 2, release)) {
      awaitHalt(writing);
      Set<String> writingNow = new TreeSet<>(files());
      beforeTheRunWritingNow.forEach(writingNow::remove);
      List<String> beforeGc = files();

      GcResult dry = gc(nextDay).collect("gc-dry", true);
      GcResult gc = gc(nextDay).collect("gc", false);

      List<String> removed = new ArrayList<>(beforeGc);
      removed.removeAll(files());
      assertThat(orphanKeys(dry)).isEqualTo(orphanKeys(gc));
      assertThat(removed).containsExactlyInAnyOrderElementsOf(orphanKeys(gc));
      assertThat(removed)
          .as("exactly what the killed runs left, less the claims (bookkeeping)")
          .containsExactlyInAnyOrderElementsOf(
              leftByKilledRuns.stream().filter(k -> !isKept(k)).toList());
      assertThat(files()).as("the objects of the run writing now").containsAll(writingNow);
      assertThat(writingNow).anyMatch(k -> k.contains("/.")).anyMatch(k -> !k.contains("/."));

      Files.createFile(release);
      assertThat(writing.awaitExit(TIMEOUT)).as(writing.output()).isZero();
    }
    TransformResult transformed =
        new Transformer(
                new LocalLakeStore(ingestion),
                new LocalLakeStore(processed),
                TransformSettings.defaults().withTempDirectory(dir.resolve("work")).withThreads(1),
                nextDay)
            .transform("after-gc");
    assertThat(transformed.batches()).hasSize(1);

    assertThat(files())
        .as("nothing left but what committed manifests name, and bookkeeping")
        .containsExactlyInAnyOrderElementsOf(namedAndBookkeeping());
  }

  /**
   * Runs {@code stage} halted and killed at its first write, its second, and so on, until a run
   * writes its whole batch and commits; adds what each killed run left to {@code left}. Returns the
   * number of writes of the batch that committed.
   */
  private int killAtEachWrite(String stage, Path zone, Set<String> left) throws Exception {
    for (int write = 1; ; write++) {
      Set<String> before = new HashSet<>(files());
      try (ChildJvm child = start(clock, stage, write, null)) {
        if (!awaitHaltOrExit(child)) {
          assertThat(child.awaitExit(TIMEOUT)).as(child.output()).isZero();
          assertThat(child.output()).contains("FINISHED");
          return write - 1;
        }
        child.killHard();
      }
      Set<String> after = new TreeSet<>(files());
      after.removeAll(before);
      assertThat(after)
          .as("run killed in %s's write %d leaves something behind", stage, write)
          .isNotEmpty()
          .allMatch(k -> k.startsWith(zone.getFileName() + "/"));
      assertThat(after)
          .as("and the temporary file of the write it died in")
          .anyMatch(k -> k.contains("/.") && k.endsWith(".tmp"));
      left.addAll(after);
    }
  }

  private ChildJvm start(Clock at, String stage, int haltAt, Path release) {
    return ChildJvm.start(
        at,
        StageInChildJvm.class,
        stage,
        source.jdbcUrl(),
        source.user(),
        source.password() == null ? "" : source.password(),
        ingestion.toString(),
        processed.toString(),
        dir.resolve("work").toString(),
        Integer.toString(haltAt),
        release == null ? "-" : release.toString());
  }

  /** Waits for the child to halt (true) or to end (false). */
  private static boolean awaitHaltOrExit(ChildJvm child) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (child.output().contains(HaltingLakeStore.HALTED)) {
        return true;
      }
      if (!child.isAlive()) {
        return child.output().contains(HaltingLakeStore.HALTED);
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("the child neither halted nor ended:\n" + child.output());
  }

  private static void awaitHalt(ChildJvm child) throws InterruptedException {
    assertThat(awaitHaltOrExit(child)).as(child.output()).isTrue();
  }

  private LakeGc gc(Clock at) {
    return new LakeGc(
        List.of(new LocalLakeStore(ingestion), new LocalLakeStore(processed)),
        Clock.offset(at, Duration.ofMinutes(1)),
        GRACE);
  }

  /** The keys gc found, as files under the test's directory. */
  private static List<String> orphanKeys(GcResult result) {
    List<String> keys = new ArrayList<>();
    for (ZoneSweep zone : result.zones()) {
      String name = zone.zone().contains("/ingestion") ? "ingestion/" : "processed/";
      for (Orphan o : zone.orphans()) {
        keys.add(name + o.key());
      }
    }
    return keys;
  }

  private static boolean isKept(String file) {
    String key = file.substring(file.indexOf('/') + 1);
    return LakeLayout.isBookkeeping(key)
        && !key.substring(key.lastIndexOf('/') + 1).startsWith(".");
  }

  /** Every object the zones' committed manifests name, and their bookkeeping objects. */
  private List<String> namedAndBookkeeping() {
    List<String> expected = new ArrayList<>();
    for (Path zone : List.of(ingestion, processed)) {
      LakeStore store = new LocalLakeStore(zone);
      BatchLog log = new BatchLog(store);
      for (BatchId batch : log.committed()) {
        LakeLayout.namedBy(log.read(batch))
            .forEach(k -> expected.add(zone.getFileName() + "/" + k));
      }
      store.listAll("", null).stream()
          .map(o -> o.key())
          .filter(LakeLayout::isBookkeeping)
          .forEach(k -> expected.add(zone.getFileName() + "/" + k));
    }
    return expected.stream().distinct().toList();
  }

  /** Every file in both zones, hidden ones too, as {@code <zone>/<key>}. */
  private List<String> files() {
    List<String> all = new ArrayList<>();
    for (Path zone : List.of(ingestion, processed)) {
      if (!Files.isDirectory(zone)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(zone)) {
        files
            .filter(Files::isRegularFile)
            .map(p -> dir.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
            .forEach(all::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    all.sort(null);
    return all;
  }
}
