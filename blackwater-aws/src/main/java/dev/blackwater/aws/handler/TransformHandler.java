package dev.blackwater.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.aws.metrics.EmbeddedMetrics;
import dev.blackwater.config.TransformSettings;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.pipeline.RunLog;
import dev.blackwater.transform.TransformResult;
import dev.blackwater.transform.Transformer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * The transform function: every ingestion batch not yet transformed into the processed zone, with
 * DuckDB working in {@code BLACKWATER_TEMP_DIR} ({@code /tmp}). Returns the {@link TransformResult}
 * as JSON. The event (extract's result) is ignored: the zones say what is pending.
 */
public final class TransformHandler implements RequestStreamHandler {

  private final LakeStore ingestion;
  private final LakeStore processed;
  private final TransformSettings settings;
  private final Clock clock;
  private final StageMetrics metrics;
  private final StageInvocation invocation;

  /** Lambda's constructor: everything from the environment. */
  public TransformHandler() {
    this(HandlerEnvironment.fromSystem(), EmbeddedMetrics.toStandardOutput(), Clock.systemUTC());
  }

  TransformHandler(HandlerEnvironment environment, EmbeddedMetrics metrics, Clock clock) {
    this.ingestion = LakeStores.open(environment.ingestion());
    this.processed = LakeStores.open(environment.processed());
    this.settings = environment.transformSettings();
    this.clock = clock;
    this.metrics = new StageMetrics(metrics, clock);
    this.invocation = new StageInvocation(Stage.TRANSFORM, new RunLog(processed, clock), clock);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    invocation.handle(
        context, input, output, this::transform, TransformResult::newestBatch, this::report);
  }

  /** The transformer is made per run, so that it names this environment in its claims. */
  private TransformResult transform(String runId) {
    return new Transformer(ingestion, processed, settings, clock).transform(runId);
  }

  private ObjectNode report(TransformResult result) {
    metrics.transform(result);
    return ResultJson.mapper().valueToTree(result);
  }
}
