package dev.blackwater.aws.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.StageResult;
import dev.blackwater.aws.AwsClients;
import dev.blackwater.aws.catalog.DeploymentCatalogs;
import dev.blackwater.aws.catalog.GlueCatalogSettings;
import dev.blackwater.config.Configuration;
import dev.blackwater.config.SettingSource;
import dev.blackwater.config.Settings;
import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;
import dev.blackwater.iceberg.LakeMaintenance;
import dev.blackwater.iceberg.LakeMaintenance.Maintenance;
import dev.blackwater.pipeline.Backlog;
import dev.blackwater.pipeline.Blackwater;
import dev.blackwater.pipeline.StageRunner;
import dev.blackwater.warehouse.WarehouseSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Lambda function running one stage ({@link ExtractHandler}, {@link TransformHandler}, {@link
 * LoadHandler} name Lambda's entry points; tests build one directly). The constructor is the
 * composition root: the settings from the function's environment ({@link Configuration}, as the
 * command line reads them, with {@link LambdaDefaults}: TLS verified), the AWS clients built once
 * from them, and the stage's zones and credential sources made before a SnapStart snapshot (no
 * connection, no secret read). Each invocation runs the stage through the same {@link StageRunner}
 * the command line uses, named after the Lambda request, and writes the result as JSON for the
 * state machine; a failure becomes one {@link StageFailure} line.
 */
class StageHandler implements RequestStreamHandler {

  private static final Logger LOG = LoggerFactory.getLogger(StageHandler.class);

  private final Stage stage;
  private final Blackwater blackwater;
  private final StageRunner runner;
  private final Optional<Long> maxBacklog;
  private final Optional<Duration> maintenanceInterval;
  private final Duration icebergRetention;
  private final Clock clock;

  @SuppressWarnings("unused") // CRaC holds its resources weakly
  private final SnapStartHooks snapStart;

  StageHandler(Stage stage, HandlerSetup setup) {
    Configuration configuration =
        new Configuration(
            SettingSource.firstOf(
                SettingSource.environment(setup.environment()),
                LambdaDefaults.of(setup.environment())),
            setup.machine());
    AwsClients aws = new AwsClients(configuration.aws());
    Blackwater blackwater =
        new Blackwater(
            configuration.pipeline(),
            aws.lakeStores(),
            aws.secrets(),
            setup.clock(),
            DeploymentCatalogs.of(configuration));
    blackwater.prepare(stage);
    if (stage != Stage.EXTRACT && GlueCatalogSettings.from(configuration).isPresent()) {
      // Glue's catalog costs a second or more to build and calls no AWS API until a table is
      // used: built here, it is in the SnapStart snapshot instead of every cold start
      blackwater.lakeTables();
    }
    this.stage = stage;
    this.blackwater = blackwater;
    this.runner = blackwater.stages(new StageMetrics(setup.metrics()));
    this.maxBacklog = stage == Stage.EXTRACT ? Optional.empty() : configuration.lambdaMaxBacklog();
    this.maintenanceInterval = configuration.gc().interval();
    this.icebergRetention = configuration.icebergRetention();
    this.clock = setup.clock();
    this.snapStart = SnapStartHooks.register(blackwater::forgetCredentials);
  }

  /**
   * Runs the stage, whatever the event (the zones say what is pending), unless the event names a
   * task: {@code {"task": "maintain"}}, which only the transform function takes, maintains the
   * processed zone's Iceberg tables instead ({@link MaintenanceStep}).
   */
  @Override
  public final void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    Optional<String> task = task(input.readAllBytes());
    String runId = runId(context);
    if (task.isPresent()) {
      output.write(ResultJson.mapper().writeValueAsBytes(runTask(task.get(), runId)));
      return;
    }
    StepResult step;
    try {
      Optional<Backlog> backlog = maxBacklog.map(max -> backlog());
      if (backlog.isPresent() && backlog.get().bytes() > maxBacklog.get()) {
        LOG.info(
            "{} run {}: {} bytes pending in {} batches, above {} ({} bytes): left to the Fargate"
                + " task",
            stage.label(),
            runId,
            backlog.get().bytes(),
            backlog.get().batches(),
            Settings.LAMBDA_MAX_BACKLOG.variable(),
            maxBacklog.get());
        step = StepResult.delegated(stage, runId, backlog.get());
      } else {
        LOG.info("{} run {} started", stage.label(), runId);
        StageResult result = runner.run(stage, runId);
        LOG.info(
            "{} run {} finished: {}",
            stage.label(),
            runId,
            result.nothingNew() ? "nothing new" : "batch " + result.newestBatch());
        LOG.info("{} result {}", stage.label(), ResultJson.mapper().writeValueAsString(result));
        step = StepResult.of(stage, result, backlog);
      }
    } catch (RuntimeException e) {
      StageFailure failure = StageFailure.of(stage, e);
      LOG.error(failure.getMessage(), e);
      throw failure;
    }
    output.write(ResultJson.mapper().writeValueAsBytes(step));
  }

  /** The task an event names: its {@code "task"} field, when it is a JSON object with one. */
  static Optional<String> task(byte[] event) {
    try {
      JsonNode task = ResultJson.mapper().readTree(event).path("task");
      return task.isTextual() ? Optional.of(task.asText()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // not JSON: the event is ignored, as it always was
    }
  }

  /**
   * Compacts and expires the Iceberg tables if that last ran longer ago than {@code gc-interval}
   * (the time is kept in the catalog, so the state machine may ask every run).
   */
  private MaintenanceStep runTask(String task, String runId) throws IOException {
    MaintenanceStep step;
    try {
      if (!task.equals(MaintenanceStep.TASK) || stage != Stage.TRANSFORM) {
        throw new BlackwaterException(
            ErrorCode.USAGE,
            "the "
                + stage.label()
                + " function takes no task '"
                + task
                + "': the transform function takes {\"task\": \""
                + MaintenanceStep.TASK
                + "\"}, and an event without a task runs the stage");
      }
      Instant started = clock.instant();
      LOG.info("lake maintenance run {} started", runId);
      Optional<LakeMaintenance> maintenance = blackwater.lakeMaintenance();
      if (maintenance.isEmpty() || maintenanceInterval.isEmpty()) {
        LOG.info(
            "lake maintenance run {}: nothing to do ({})",
            runId,
            maintenance.isEmpty()
                ? "the processed zone has no Iceberg catalog"
                : Settings.GC_INTERVAL.variable() + " is off");
      }
      Optional<Maintenance> done =
          maintenance.flatMap(
              m -> maintenanceInterval.flatMap(i -> m.maintainIfDue(i, icebergRetention)));
      step = MaintenanceStep.of(runId, done, Duration.between(started, clock.instant()));
    } catch (RuntimeException e) {
      StageFailure failure = StageFailure.of(stage, e);
      LOG.error(failure.getMessage(), e);
      throw failure;
    }
    LOG.info("lake maintenance result {}", ResultJson.mapper().writeValueAsString(step));
    return step;
  }

  /** What this stage would take on now: pending batches and their bytes. */
  private Backlog backlog() {
    return switch (stage) {
      case TRANSFORM -> Backlog.transform(blackwater.ingestion(), blackwater.processed());
      case LOAD ->
          blackwater
              .warehouse()
              .withCredentials(
                  warehouse ->
                      Backlog.load(
                          blackwater.processed(),
                          new WarehouseSchema(warehouse, blackwater.config().load().schema())));
      case EXTRACT -> throw new IllegalStateException("extract measures no backlog");
    };
  }

  private String runId(Context context) {
    String requestId = context == null ? null : context.getAwsRequestId();
    return requestId == null || requestId.isBlank()
        ? "local-" + clock.instant().toEpochMilli()
        : requestId;
  }
}
