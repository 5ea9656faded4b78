package dev.blackwater.pipeline;

import dev.blackwater.config.TransformSettings;
import dev.blackwater.iceberg.LakeCatalog;
import dev.blackwater.iceberg.LakeTables;
import dev.blackwater.iceberg.SqliteCatalogs;
import dev.blackwater.lake.HaltingLakeStore;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.transform.Transformer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The victim of {@link IcebergKilledRunsIT}: a transform with Iceberg tables in its own JVM that
 * halts in the middle of its n-th write under the prefix given ({@code ""}: any write; {@code
 * _iceberg/}: Iceberg's, after the batch's manifest), to be killed there.
 *
 * <p>Arguments: the ingestion and processed directories, a working directory, the write to halt at
 * (0: never), the prefix counted.
 */
public final class IcebergTransformInChildJvm {

  private IcebergTransformInChildJvm() {}

  public static void main(String[] args) {
    Path ingestion = Path.of(args[0]);
    Path processed = Path.of(args[1]);
    Path work = Path.of(args[2]);
    int haltAt = Integer.parseInt(args[3]);
    String counted = args.length > 4 ? args[4] : "";
    LakeStore zone =
        new HaltingLakeStore(new LocalLakeStore(processed), haltAt, null, System.out, counted);
    LakeTables tables =
        new LakeTables(
            new LakeCatalog(
                SqliteCatalogs.open(
                    "jdbc:sqlite:" + processed.resolve(SqliteCatalogs.CATALOG_KEY), zone),
                LakeCatalog.DEFAULT_NAMESPACE),
            zone,
            work);
    new Transformer(
            new LocalLakeStore(ingestion),
            zone,
            TransformSettings.defaults().withTempDirectory(work).withThreads(1),
            TestClock.ticking(),
            Optional.of(tables))
        .transform("child");
    System.out.println("FINISHED");
  }
}
