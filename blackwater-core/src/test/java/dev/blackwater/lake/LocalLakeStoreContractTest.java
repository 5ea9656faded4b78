package dev.blackwater.lake;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** LocalLakeStore keeps the lake store contract; each store is a directory not yet created. */
class LocalLakeStoreContractTest extends LakeStoreContract {

  @TempDir Path dir;
  private int zones;

  @Override
  protected LakeStore newStore(int pageSize) {
    zones++;
    return new LocalLakeStore(dir.resolve("zone-" + zones), pageSize);
  }
}
