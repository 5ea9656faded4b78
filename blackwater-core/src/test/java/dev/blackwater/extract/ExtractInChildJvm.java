package dev.blackwater.extract;

import dev.blackwater.config.DatabaseConfig;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.lake.SlowLakeStore;
import dev.blackwater.testkit.TestClock;
import java.nio.file.Path;
import java.util.List;

/**
 * The victim of the crash tests: an extract in its own JVM, slowed down ({@code slow}) or stopped
 * right after its claim ({@code hang-after-claim}), waiting to be killed.
 */
public final class ExtractInChildJvm {

  private ExtractInChildJvm() {}

  public static void main(String[] args) {
    String url = args[0];
    String user = args[1];
    String password = args.length > 5 ? args[5] : "";
    Path lakeDir = Path.of(args[2]);
    String mode = args[3];
    List<String> tables = List.of(args[4].split(","));
    SlowLakeStore lake =
        new SlowLakeStore(
            new LocalLakeStore(lakeDir),
            mode.equals("slow") ? 2 : 0,
            null,
            mode.equals("hang-after-claim"));
    new Extractor(
            new DatabaseConfig("source", url, user, password),
            lake,
            ExtractSettings.defaults().withTables(tables).withPartBytes(8 * 1024),
            TestClock.ticking())
        .extract("child");
  }
}
