package dev.blackwater.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.aws.metrics.EmbeddedMetrics;
import dev.blackwater.aws.secrets.CredentialSource;
import dev.blackwater.aws.secrets.SecretsManagerCredentials;
import dev.blackwater.config.ExtractSettings;
import dev.blackwater.extract.ExtractResult;
import dev.blackwater.extract.Extractor;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.pipeline.RunLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;

/**
 * The extract function: totesys (credentials from {@code BLACKWATER_SOURCE_SECRET}) into the
 * ingestion zone. Returns the {@link ExtractResult} as JSON, which the state machine passes on
 * without Lambda's invocation metadata. When its {@code "nothingNew"} is {@code true} the state
 * machine's {@code AnythingNew} choice skips transform and goes straight to load: load runs after
 * every extract, since it takes a second with nothing pending, loads whatever an earlier failed run
 * left transformed, and reports the freshness the staleness alarm needs on every run. The event is
 * ignored.
 */
public final class ExtractHandler implements RequestStreamHandler {

  private final CredentialSource source;
  private final LakeStore ingestion;
  private final ExtractSettings settings;
  private final Clock clock;
  private final StageMetrics metrics;
  private final StageInvocation invocation;

  @SuppressWarnings("unused") // CRaC holds its resources weakly
  private final SnapStartHooks snapStart;

  /** Lambda's constructor: everything from the environment. */
  public ExtractHandler() {
    this(HandlerEnvironment.fromSystem(), EmbeddedMetrics.toStandardOutput(), Clock.systemUTC());
  }

  ExtractHandler(HandlerEnvironment environment, EmbeddedMetrics metrics, Clock clock) {
    this.source =
        SecretsManagerCredentials.forSecret(
            "source",
            environment.requiredSecret(
                environment.sourceSecret(), "BLACKWATER_SOURCE_SECRET", "source"),
            environment.secretsEndpoint());
    this.ingestion = LakeStores.open(environment.ingestion());
    this.settings = environment.extractSettings();
    this.clock = clock;
    this.metrics = new StageMetrics(metrics, clock);
    this.invocation = new StageInvocation(Stage.EXTRACT, new RunLog(ingestion, clock), clock);
    this.snapStart = SnapStartHooks.register(source::forget);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    invocation.handle(
        context, input, output, this::extract, r -> r.batch().orElse(null), this::report);
  }

  /** The extractor is made per run: it takes the current credentials. */
  private ExtractResult extract(String runId) {
    return source.withCredentials(
        database -> new Extractor(database, ingestion, settings, clock).extract(runId));
  }

  private ObjectNode report(ExtractResult result) {
    metrics.extract(result);
    return ResultJson.mapper().valueToTree(result);
  }
}
