package dev.blackwater.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.aws.metrics.EmbeddedMetrics;
import dev.blackwater.aws.secrets.CredentialSource;
import dev.blackwater.aws.secrets.SecretsManagerCredentials;
import dev.blackwater.config.LoadSettings;
import dev.blackwater.lake.LakeStore;
import dev.blackwater.lake.LakeStores;
import dev.blackwater.load.LoadResult;
import dev.blackwater.load.Loader;
import dev.blackwater.pipeline.Freshness;
import dev.blackwater.pipeline.RunLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The load function: every processed batch not yet in the warehouse (credentials from {@code
 * BLACKWATER_WAREHOUSE_SECRET}). Returns the {@link LoadResult} as JSON, with {@code
 * freshnessLagSeconds}: the age of the newest source change in the warehouse, also reported as the
 * {@code FreshnessLagSeconds} metric (stage load) that the staleness alarm watches.
 */
public final class LoadHandler implements RequestStreamHandler {

  private final CredentialSource warehouse;
  private final LakeStore processed;
  private final LoadSettings settings;
  private final Clock clock;
  private final StageMetrics metrics;
  private final StageInvocation invocation;

  @SuppressWarnings("unused") // CRaC holds its resources weakly
  private final SnapStartHooks snapStart;

  /** Lambda's constructor: everything from the environment. */
  public LoadHandler() {
    this(HandlerEnvironment.fromSystem(), EmbeddedMetrics.toStandardOutput(), Clock.systemUTC());
  }

  LoadHandler(HandlerEnvironment environment, EmbeddedMetrics metrics, Clock clock) {
    this.warehouse =
        SecretsManagerCredentials.forSecret(
            "warehouse",
            environment.requiredSecret(
                environment.warehouseSecret(), "BLACKWATER_WAREHOUSE_SECRET", "warehouse"),
            environment.secretsEndpoint());
    this.processed = LakeStores.open(environment.processed());
    this.settings = environment.loadSettings();
    this.clock = clock;
    this.metrics = new StageMetrics(metrics, clock);
    // load records its runs beside the batches it reads (status reads them there)
    this.invocation = new StageInvocation(Stage.LOAD, new RunLog(processed, clock), clock);
    this.snapStart = SnapStartHooks.register(warehouse::forget);
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    invocation.handle(context, input, output, this::load, LoadResult::newestBatch, this::report);
  }

  /** The loader is made per run: it takes the current credentials. */
  private LoadResult load(String runId) {
    return warehouse.withCredentials(
        database -> new Loader(database, processed, settings, clock).load(runId));
  }

  private ObjectNode report(LoadResult result) {
    String newest = result.newestVersion();
    Optional<Duration> lag = Optional.ofNullable(Freshness.lag(newest, clock.instant()));
    metrics.load(result, lag);
    ObjectNode json = ResultJson.mapper().valueToTree(result);
    if (newest != null) {
      json.put("newestSourceChange", newest);
    }
    lag.ifPresent(l -> json.put("freshnessLagSeconds", Math.max(0, l.toSeconds())));
    return json;
  }
}
