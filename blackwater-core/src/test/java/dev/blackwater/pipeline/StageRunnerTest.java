package dev.blackwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.Stage;
import dev.blackwater.config.Configuration;
import dev.blackwater.config.Machine;
import dev.blackwater.config.SecretReader;
import dev.blackwater.config.SettingSource;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakePage;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.lake.LakeWriter;
import dev.blackwater.lake.LocalLakeStore;
import dev.blackwater.testkit.TestClock;
import dev.blackwater.transform.TransformResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one way a stage runs, for a command and a handler alike: here transform, on local zones. */
class StageRunnerTest {

  private final Clock clock = TestClock.ticking();

  @TempDir Path ingestion;
  @TempDir Path processed;
  @TempDir Path temp;

  private Blackwater blackwater(LakeStores lakes, URI ingestionZone) {
    Configuration configuration =
        new Configuration(
            SettingSource.environment(
                Map.of(
                    "BLACKWATER_INGESTION", ingestionZone.toString(),
                    "BLACKWATER_PROCESSED", processed.toUri().toString())),
            new Machine(1L << 30, 1, temp));
    return new Blackwater(configuration.pipeline(), lakes, SecretReader.none(), clock);
  }

  private RunLog runs() {
    return new RunLog(new LocalLakeStore(processed), clock);
  }

  @Test
  void aRunIsRecordedInItsZoneAndToldToTheListener() {
    TransformResult[] told = new TransformResult[1];
    StageListener listener =
        new StageListener() {
          @Override
          public void transformed(TransformResult result) {
            told[0] = result;
          }
        };

    var result =
        blackwater(LakeStores.local(), ingestion.toUri())
            .stages(listener)
            .run(Stage.TRANSFORM, "run-1");

    assertThat(result.nothingNew()).isTrue();
    assertThat(told[0]).isSameAs(result);
    assertThat(runs().latest(Stage.TRANSFORM).success())
        .get()
        .extracting(RunRecord::runId, RunRecord::outcome)
        .containsExactly("run-1", RunRecord.NOTHING_NEW);
  }

  @Test
  void aLakeFailureIsAConnectionFailureInTheErrorAndTheRunRecord() {
    LakeStores broken = LakeStores.local().with("s3", UnreadableStore::new);

    assertThatThrownBy(
            () ->
                blackwater(broken, URI.create("s3://full-disk/zone/"))
                    .stages(StageListener.NONE)
                    .transform("run-2"))
        .satisfies(e -> assertThat(ErrorCode.of(e)).isEqualTo(ErrorCode.CONNECTION))
        .hasMessageContaining("No space left on device");
    assertThat(runs().latestFailure(Stage.TRANSFORM))
        .get()
        .extracting(RunRecord::runId, RunRecord::error)
        .containsExactly("run-2", ErrorCode.CONNECTION);
  }

  @Test
  void aListenerThatFailsAfterTheRunSucceededSaysTheRunSucceeded() {
    StageListener failing =
        new StageListener() {
          @Override
          public void transformed(TransformResult result) {
            throw new IllegalStateException("metrics stream closed");
          }
        };

    assertThatThrownBy(
            () ->
                blackwater(LakeStores.local(), ingestion.toUri())
                    .stages(failing)
                    .transform("run-3"))
        .isInstanceOf(BlackwaterException.class)
        .satisfies(e -> assertThat(ErrorCode.of(e)).isEqualTo(ErrorCode.INTERNAL))
        .hasMessage(
            "transform run run-3 succeeded, but reporting its result failed:"
                + " IllegalStateException: metrics stream closed");
    assertThat(runs().latest(Stage.TRANSFORM).success())
        .get()
        .extracting(RunRecord::runId)
        .isEqualTo("run-3");
  }

  /** A zone whose disk is full: every read and listing fails. */
  private record UnreadableStore(URI uri) implements LakeStore {

    private static UncheckedIOException full() {
      return new UncheckedIOException(new IOException("No space left on device"));
    }

    @Override
    public LakeWriter create(String key) {
      throw full();
    }

    @Override
    public InputStream open(String key) {
      throw full();
    }

    @Override
    public LakePage list(String prefix, String startAfter) {
      throw full();
    }

    @Override
    public boolean exists(String key) {
      throw full();
    }
  }
}
