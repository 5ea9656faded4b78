package dev.blackwater.cli;

import dev.blackwater.Stage;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import org.slf4j.MDC;

/** Names a run and puts its id and stage on every log line (logging MDC). */
public final class RunContext {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunContext() {}

  /** Starts a run: a new id, set in the MDC. */
  public static String start(Clock clock) {
    byte[] suffix = new byte[3];
    RANDOM.nextBytes(suffix);
    String runId = TIME.format(clock.instant()) + "-" + HexFormat.of().formatHex(suffix);
    MDC.put("runId", runId);
    return runId;
  }

  /** Sets the stage on log lines, as its label. */
  public static void stage(Stage stage) {
    stage(stage.label());
  }

  /** Sets what runs (a stage's label, or a command that is no stage) on log lines. */
  public static void stage(String stage) {
    MDC.put("stage", stage);
  }
}
