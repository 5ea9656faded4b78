package dev.blackwater.cli;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.slf4j.MDC;

/** Names a run and puts its id and stage on every log line (logging MDC). */
public final class RunContext {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private RunContext() {}

  /** Starts a run: a new id, set in the MDC. */
  public static String start() {
    byte[] suffix = new byte[3];
    RANDOM.nextBytes(suffix);
    String runId = TIME.format(Instant.now()) + "-" + HexFormat.of().formatHex(suffix);
    MDC.put("runId", runId);
    return runId;
  }

  /** Sets the stage on log lines. */
  public static void stage(String stage) {
    MDC.put("stage", stage);
  }
}
