package dev.blackwater.pipeline;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.extract.Extractor;
import dev.blackwater.lake.HaltingLakeStore;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.testkit.TestClock;
import java.nio.file.Path;

/**
 * The victim of {@link KilledRunsGcIT}: an extract or a transform in its own JVM that halts in the
 * middle of its n-th write to the zone it writes (see {@link HaltingLakeStore}), to be killed
 * there, or goes on once a release file appears.
 *
 * <p>Arguments: {@code extract|transform}, the source's URL, user and password, the ingestion and
 * processed directories, a working directory, the write to halt at, the release file or {@code -}.
 */
public final class StageInChildJvm {

  private StageInChildJvm() {}

  public static void main(String[] args) {
    String stage = args[0];
    Path ingestion = Path.of(args[4]);
    Path processed = Path.of(args[5]);
    Path work = Path.of(args[6]);
    int haltAt = Integer.parseInt(args[7]);
    Path release = args[8].equals("-") ? null : Path.of(args[8]);
    if (stage.equals("extract")) {
      LakeStore zone =
          new HaltingLakeStore(new LocalLakeStore(ingestion), haltAt, release, System.out);
      new Extractor(
              new DatabaseConfig("source", args[1], args[2], args[3]),
              zone,
              ExtractSettings.defaults().withParallelism(1).withPartBytes(16 * 1024),
              TestClock.ticking())
          .extract("child");
    } else {
      LakeStore zone =
          new HaltingLakeStore(new LocalLakeStore(processed), haltAt, release, System.out);
      new dev.blackwater.transform.Transformer(
              new LocalLakeStore(ingestion),
              zone,
              TransformSettings.defaults().withTempDirectory(work).withThreads(1),
              TestClock.ticking())
          .transform("child");
    }
    System.out.println("FINISHED");
  }
}
