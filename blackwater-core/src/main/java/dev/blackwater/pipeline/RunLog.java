package dev.blackwater.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.lake.LakeObject;
import dev.blackwater.lake.LakeStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run records of a stage, kept in a lake zone under {@code _runs/<yyyy>/<mm>/<dd>/}: one immutable
 * object per run, written when the run ends, success or failure.
 */
public final class RunLog {

  private static final Logger LOG = LoggerFactory.getLogger(RunLog.class);
  private static final String PREFIX = "_runs/";
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HHmmss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final int DAYS_BACK = 31;

  private final LakeStore zone;
  private final Clock clock;

  public RunLog(LakeStore zone, Clock clock) {
    this.zone = zone;
    this.clock = clock;
  }

  /**
   * Runs {@code work} as a run of {@code stage} and records how it ended; failures are recorded and
   * rethrown. {@code batchOf} names the batch of a result (null when there was nothing new).
   */
  public <T> T run(Stage stage, String runId, Supplier<T> work, Function<T, String> batchOf) {
    Instant started = clock.instant();
    try {
      T result = work.get();
      String batch = batchOf.apply(result);
      record(
          new RunRecord(
              stage,
              runId,
              started,
              clock.instant(),
              batch == null ? RunRecord.NOTHING_NEW : RunRecord.SUCCESS,
              batch,
              null,
              null));
      return result;
    } catch (RuntimeException e) {
      ErrorCode code = ErrorCode.of(e);
      record(
          new RunRecord(
              stage,
              runId,
              started,
              clock.instant(),
              RunRecord.FAILURE,
              null,
              code,
              String.valueOf(e.getMessage())));
      throw e;
    }
  }

  /** Writes a record; a zone that cannot take it only costs a warning. */
  public void record(RunRecord record) {
    String key =
        PREFIX
            + DAY.format(record.finishedAt())
            + "/"
            + TIME.format(record.finishedAt())
            + "-"
            + record.stage().label()
            + "-"
            + record.outcome()
            + "-"
            + record.runId()
            + ".json";
    try {
      zone.put(key, ResultJson.mapper().writeValueAsBytes(record));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      LOG.warn(
          "could not record the {} run {} in {}: {}",
          record.stage().label(),
          record.runId(),
          zone.uri(),
          e.getMessage());
    }
  }

  /** The newest run of {@code stage} that did not fail, looking back up to a month. */
  public Optional<RunRecord> latestSuccess(Stage stage) {
    return latest(stage).success();
  }

  /** The newest run of {@code stage} that failed, looking back up to a month. */
  public Optional<RunRecord> latestFailure(Stage stage) {
    return latest(stage).failure();
  }

  /**
   * The newest successful and the newest failed run of {@code stage}, looking back up to a month in
   * one walk over the days (newest first) that stops once both are found. Only the keys are looked
   * at (they name stage and outcome); the records found are read.
   */
  public Latest latest(Stage stage) {
    String failed = "-" + stage.label() + "-" + RunRecord.FAILURE + "-";
    String succeeded = "-" + stage.label() + "-" + RunRecord.SUCCESS + "-";
    String quiet = "-" + stage.label() + "-" + RunRecord.NOTHING_NEW + "-";
    RunRecord success = null;
    RunRecord failure = null;
    LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    for (int i = 0; i < DAYS_BACK && (success == null || failure == null); i++) {
      String prefix = PREFIX + DAY.format(day.atStartOfDay(ZoneOffset.UTC)) + "/";
      List<LakeObject> objects = zone.listAll(prefix, null);
      for (int j = objects.size() - 1; j >= 0 && (success == null || failure == null); j--) {
        String key = objects.get(j).key();
        if (failure == null && key.contains(failed)) {
          failure = read(key);
        } else if (success == null && (key.contains(succeeded) || key.contains(quiet))) {
          success = read(key);
        }
      }
      day = day.minusDays(1);
    }
    return new Latest(Optional.ofNullable(success), Optional.ofNullable(failure));
  }

  /** A stage's newest successful and newest failed run, each if any. */
  public record Latest(Optional<RunRecord> success, Optional<RunRecord> failure) {}

  private RunRecord read(String key) {
    try {
      return ResultJson.mapper().readValue(zone.read(key), RunRecord.class);
    } catch (IOException e) {
      LOG.warn("unreadable run record {}: {}", key, e.getMessage());
      return null;
    }
  }
}
