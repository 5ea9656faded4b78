package dev.blackwater.cli.stage;

import dev.blackwater.ResultJson;
import dev.blackwater.Stage;
import dev.blackwater.StageResult;
import dev.blackwater.cli.Composition;
import dev.blackwater.cli.RunContext;
import dev.blackwater.cli.TakesSettings;
import dev.blackwater.config.Setting;
import dev.blackwater.config.Setting.Group;
import dev.blackwater.config.Settings;
import dev.blackwater.pipeline.Blackwater;
import dev.blackwater.pipeline.StageListener;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code blackwater extract|transform|load}: one stage, run the way a Lambda handler runs it
 * ({@link dev.blackwater.pipeline.StageRunner}), its result printed as a table or JSON.
 */
abstract class StageCommand<T extends StageResult> implements Callable<Integer>, TakesSettings {

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  private final Stage stage;
  private final List<Setting> settings;

  /** A command that runs {@code stage}, taking the settings of {@code groups}. */
  StageCommand(Stage stage, Group... groups) {
    this.stage = stage;
    this.settings = Settings.of(groups);
  }

  @Override
  public List<Setting> settings() {
    return settings;
  }

  @Override
  public Integer call() {
    Blackwater blackwater = Composition.of(spec).blackwater(spec);
    String runId = RunContext.start(blackwater.clock());
    @SuppressWarnings("unchecked") // run(stage) returns the result type of the stage
    T result = (T) blackwater.stages(StageListener.NONE).run(stage, runId);
    spec.commandLine().getOut().println(json ? ResultJson.write(result) : describe(result));
    return 0;
  }

  /** The result as the terminal shows it. */
  abstract String describe(T result);
}
