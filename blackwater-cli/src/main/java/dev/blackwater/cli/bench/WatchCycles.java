package dev.blackwater.cli.bench;

import dev.blackwater.config.Configuration;
import dev.blackwater.config.Machine;
import dev.blackwater.config.SecretReader;
import dev.blackwater.config.SettingSource;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.pipeline.Blackwater;
import dev.blackwater.pipeline.Pipeline;
import dev.blackwater.pipeline.StageListener;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;

/**
 * Cycles as {@code blackwater run --watch} runs them: one {@link Blackwater} kept from cycle to
 * cycle in one process, its first cycle not counted (it loads the classes a watch loads once).
 */
final class WatchCycles {

  private final Map<String, String> settings;
  private final Clock clock;

  /**
   * @param settings the runs' settings as environment variables
   */
  WatchCycles(Map<String, String> settings, Clock clock) {
    this.settings = Map.copyOf(settings);
    this.clock = clock;
  }

  /** The median time of {@code cycles} cycles after the first. */
  double medianSeconds(int cycles) {
    Configuration configuration =
        new Configuration(SettingSource.environment(settings), Machine::current);
    Blackwater blackwater =
        new Blackwater(configuration.pipeline(), LakeStores.local(), SecretReader.none(), clock);
    Pipeline pipeline = blackwater.pipeline(StageListener.NONE);
    pipeline.run("bench-watch-0", () -> false);
    double[] seconds = new double[Math.max(1, cycles)];
    for (int i = 0; i < seconds.length; i++) {
      long started = System.nanoTime();
      pipeline.run("bench-watch-" + (i + 1), () -> false);
      seconds[i] = (System.nanoTime() - started) / 1e9;
    }
    Arrays.sort(seconds);
    return seconds[seconds.length / 2];
  }
}
