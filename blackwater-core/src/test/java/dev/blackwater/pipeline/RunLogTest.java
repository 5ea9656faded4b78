package dev.blackwater.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.Stage;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LocalLakeStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLogTest {

  /** A clock that moves one second each time it is read, so every record has its own time. */
  private static final class Ticking extends Clock {
    private Instant now = Instant.parse("2026-11-27T10:00:00Z");

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      now = now.plus(Duration.ofSeconds(1));
      return now;
    }
  }

  @Test
  void tellsTheLastSuccessAndTheLastFailureOfEachStageApart(@TempDir Path dir) {
    RunLog log = new RunLog(new LocalLakeStore(dir), new Ticking());

    log.run(Stage.EXTRACT, "first", () -> "000001", b -> b);
    log.run(Stage.EXTRACT, "quiet", () -> "none", b -> null);
    assertThatThrownBy(
            () ->
                log.run(
                    Stage.EXTRACT,
                    "broken",
                    () -> {
                      throw new BlackwaterException(ErrorCode.CONNECTION, "source is down");
                    },
                    b -> "never"))
        .hasMessage("source is down");
    log.run(Stage.TRANSFORM, "other-stage", () -> "000009", b -> b);

    RunRecord success = log.latestSuccess(Stage.EXTRACT).orElseThrow();
    assertThat(success.runId()).isEqualTo("quiet");
    assertThat(success.outcome()).isEqualTo(RunRecord.NOTHING_NEW);
    RunRecord failure = log.latestFailure(Stage.EXTRACT).orElseThrow();
    assertThat(failure.runId()).isEqualTo("broken");
    assertThat(failure.error()).isEqualTo(ErrorCode.CONNECTION);
    assertThat(failure.message()).isEqualTo("source is down");
    assertThat(log.latestSuccess(Stage.TRANSFORM).orElseThrow().batch()).isEqualTo("000009");
    assertThat(log.latestFailure(Stage.TRANSFORM)).isEmpty();
    assertThat(log.latestSuccess(Stage.LOAD)).isEmpty();
  }

  @Test
  void aLakeOrDiskFailureIsRecordedAsAConnectionFailure(@TempDir Path dir) {
    RunLog log = new RunLog(new LocalLakeStore(dir), new Ticking());

    assertThatThrownBy(
            () ->
                log.run(
                    Stage.LOAD,
                    "disk-full",
                    () -> {
                      throw new java.io.UncheckedIOException(
                          new java.io.IOException("No space left on device"));
                    },
                    b -> "never"))
        .isInstanceOf(java.io.UncheckedIOException.class);

    RunRecord failure = log.latestFailure(Stage.LOAD).orElseThrow();
    assertThat(failure.error()).isEqualTo(ErrorCode.CONNECTION);
    assertThat(failure.message()).contains("No space left on device");
  }
}
