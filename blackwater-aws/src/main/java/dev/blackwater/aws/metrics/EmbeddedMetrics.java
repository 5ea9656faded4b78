package dev.blackwater.aws.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes pipeline metrics as CloudWatch Embedded Metric Format lines: one JSON object per line,
 * which CloudWatch Logs turns into metrics of namespace {@value #NAMESPACE} when a Lambda function
 * prints it. Per stage and table: {@code Rows}, {@code Bytes}, {@code DurationMs} (also rolled up
 * per stage); per stage: {@code FreshnessLagSeconds} (how far the lake or the warehouse trails the
 * source; the load's is what the staleness alarm watches) and {@code NewestChangeAgeSeconds} (how
 * old the newest source change seen is: what the source has been doing, not a lag).
 */
public final class EmbeddedMetrics {

  public static final String NAMESPACE = "Blackwater";
  public static final String STAGE = "stage";
  public static final String TABLE = "table";
  public static final String ROWS = "Rows";
  public static final String BYTES = "Bytes";
  public static final String DURATION = "DurationMs";
  public static final String FRESHNESS_LAG = "FreshnessLagSeconds";
  public static final String CHANGE_AGE = "NewestChangeAgeSeconds";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private final Clock clock;

  /** Metrics printed to standard output, where Lambda sends them to CloudWatch Logs. */
  public static EmbeddedMetrics toStandardOutput() {
    return new EmbeddedMetrics(
        new PrintStream(System.out, true, StandardCharsets.UTF_8), Clock.systemUTC());
  }

  public EmbeddedMetrics(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  /**
   * What one stage did to one table; {@code duration} may be null where the stage does not time
   * tables one by one (transform's models share one DuckDB session).
   */
  public void table(String stage, String table, long rows, long bytes, Duration duration) {
    List<ObjectNode> metrics = new ArrayList<>();
    metrics.add(metric(ROWS, "Count"));
    metrics.add(metric(BYTES, "Bytes"));
    if (duration != null) {
      metrics.add(metric(DURATION, "Milliseconds"));
    }
    ObjectNode line = line(List.of(List.of(STAGE, TABLE), List.of(STAGE)), metrics);
    line.put(STAGE, stage);
    line.put(TABLE, table);
    line.put(ROWS, rows);
    line.put(BYTES, bytes);
    if (duration != null) {
      line.put(DURATION, duration.toMillis());
    }
    print(line);
  }

  /**
   * How long a whole run of a stage took. Per-table durations roll up into the same per-stage
   * metric, so its maximum is the run's duration.
   */
  public void stage(String stage, Duration duration) {
    ObjectNode line = line(List.of(List.of(STAGE)), List.of(metric(DURATION, "Milliseconds")));
    line.put(STAGE, stage);
    line.put(DURATION, duration.toMillis());
    print(line);
  }

  /**
   * How far what a stage has brought in trails the source (whole seconds, never negative): now
   * minus the time as of which it holds every change the source had.
   */
  public void freshness(String stage, Duration lag) {
    seconds(stage, FRESHNESS_LAG, lag);
  }

  /**
   * How old the newest source change a stage has seen is (whole seconds, never negative): it grows
   * while the source is quiet, however fresh the pipeline is.
   */
  public void changeAge(String stage, Duration age) {
    seconds(stage, CHANGE_AGE, age);
  }

  private void seconds(String stage, String name, Duration value) {
    ObjectNode line = line(List.of(List.of(STAGE)), List.of(metric(name, "Seconds")));
    line.put(STAGE, stage);
    line.put(name, Math.max(0, value.toSeconds()));
    print(line);
  }

  private ObjectNode line(List<List<String>> dimensionSets, List<ObjectNode> metrics) {
    ObjectNode line = JSON.createObjectNode();
    ObjectNode aws = line.putObject("_aws");
    aws.put("Timestamp", clock.millis());
    ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
    directive.put("Namespace", NAMESPACE);
    ArrayNode dimensions = directive.putArray("Dimensions");
    for (List<String> set : dimensionSets) {
      ArrayNode names = dimensions.addArray();
      set.forEach(names::add);
    }
    directive.putArray("Metrics").addAll(metrics);
    return line;
  }

  private static ObjectNode metric(String name, String unit) {
    return JSON.createObjectNode().put("Name", name).put("Unit", unit);
  }

  private void print(ObjectNode line) {
    try {
      out.println(JSON.writeValueAsString(line));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a metrics line", e);
    }
  }
}
