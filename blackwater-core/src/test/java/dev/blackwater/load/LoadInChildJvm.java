package dev.blackwater.load;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.SlowLakeStore;
import dev.blackwater.testkit.TestClock;
import java.nio.file.Path;

/** The victim of the load crash test: a load whose reads from the lake are slow. */
public final class LoadInChildJvm {

  private LoadInChildJvm() {}

  public static void main(String[] args) {
    new Loader(
            new DatabaseConfig("warehouse", args[0], args[1], args.length > 3 ? args[3] : ""),
            new SlowLakeStore(new LocalLakeStore(Path.of(args[2])), 5, null, false),
            LoadSettings.defaults(),
            TestClock.ticking())
        .load("child");
  }
}
