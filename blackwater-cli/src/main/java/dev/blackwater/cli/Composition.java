package dev.blackwater.cli;

import dev.blackwater.aws.AwsClients;
import dev.blackwater.aws.catalog.DeploymentCatalogs;
import dev.blackwater.config.AwsSettings;
import dev.blackwater.config.Configuration;
import dev.blackwater.config.Database;
import dev.blackwater.config.Machine;
import dev.blackwater.config.SettingSource;
import dev.blackwater.pipeline.Blackwater;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The command line's composition root: what every command is built from. {@code Main} makes one per
 * process from the system clock, the environment and the working directory's {@code .env}; tests
 * make their own. A command asks it for its {@link Configuration} (its options, then the
 * environment, then {@code .env}) and for the {@link Blackwater} put together from it, with the AWS
 * clients built from the configuration's AWS settings.
 */
public final class Composition {

  private final Clock clock;
  private final Map<String, String> environment;
  private final Map<String, String> dotEnv;
  private final Function<AwsSettings, AwsClients> awsClients;

  public Composition(
      Clock clock,
      Map<String, String> environment,
      Map<String, String> dotEnv,
      Function<AwsSettings, AwsClients> awsClients) {
    this.clock = clock;
    this.environment = Map.copyOf(environment);
    this.dotEnv = Map.copyOf(dotEnv);
    this.awsClients = awsClients;
  }

  /** This process's: {@code clock}, its environment, {@code .env} in the working directory. */
  public static Composition forProcess(Clock clock) {
    return new Composition(
        clock, System.getenv(), EnvironmentDefaults.readDotEnv(Path.of(".env")), AwsClients::new);
  }

  /** The composition of the command line {@code spec} belongs to. */
  public static Composition of(CommandSpec spec) {
    return ((BlackwaterCommand) spec.root().userObject()).composition();
  }

  /** The clock every command reads "now" from. */
  public Clock clock() {
    return clock;
  }

  /** A variable of the environment, else of {@code .env} (such as the launcher's name). */
  public Optional<String> variable(String name) {
    return Optional.ofNullable(environment.get(name))
        .or(() -> Optional.ofNullable(dotEnv.get(name)));
  }

  /** Defaults for the options that are not settings, from the environment, then {@code .env}. */
  EnvironmentDefaults optionDefaults() {
    return new EnvironmentDefaults(environment, dotEnv);
  }

  /** Where {@code spec}'s settings come from: its options, the environment, {@code .env}. */
  public SettingSource settings(CommandSpec spec) {
    return SettingSource.firstOf(SettingOptions.given(spec), environmentSettings());
  }

  /** Settings from the environment, then {@code .env}. */
  SettingSource environmentSettings() {
    return SettingSource.firstOf(
        SettingSource.environment(environment), SettingSource.environment(dotEnv));
  }

  /** The configuration of the command {@code spec}. */
  public Configuration configuration(CommandSpec spec) {
    return new Configuration(settings(spec), Machine::current);
  }

  /** The totesys database of the command {@code spec} (read from its secret if it names one). */
  public Database sourceDatabase(CommandSpec spec) {
    return new Database(blackwater(spec).source().current());
  }

  /** The pipeline put together from the configuration of the command {@code spec}. */
  public Blackwater blackwater(CommandSpec spec) {
    Configuration configuration = configuration(spec);
    AwsClients aws = awsClients.apply(configuration.aws());
    return new Blackwater(
        configuration.pipeline(),
        aws.lakeStores(),
        aws.secrets(),
        clock,
        DeploymentCatalogs.of(configuration));
  }
}
