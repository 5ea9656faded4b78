package dev.blackwater.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for the options that are not settings (such as {@code --json}) from the environment,
 * then from a {@code .env} file: option {@code --json} reads {@code BLACKWATER_JSON}. Flags beat
 * the environment, the environment beats {@code .env}, as for settings ({@link Composition}).
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {

  private final Map<String, String> environment;
  private final Map<String, String> dotEnv;

  public EnvironmentDefaults(Map<String, String> environment, Map<String, String> dotEnv) {
    this.environment = Map.copyOf(environment);
    this.dotEnv = Map.copyOf(dotEnv);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)
        || !option.longestName().startsWith("--")
        || SettingOptions.isSetting(option.longestName())) {
      return null;
    }
    return lookup(variableFor(option.longestName())).orElse(null);
  }

  /**
   * The environment variable an option reads: {@code --source-url} → {@code BLACKWATER_SOURCE_URL}.
   */
  public static String variableFor(String longOption) {
    return "BLACKWATER_" + longOption.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
  }

  /** A variable from the environment, else from {@code .env}. */
  public Optional<String> lookup(String variable) {
    String value = environment.get(variable);
    if (value == null) {
      value = dotEnv.get(variable);
    }
    return Optional.ofNullable(value).filter(v -> !v.isEmpty());
  }

  /**
   * Parses {@code KEY=value} lines; {@code #} comments (whole lines, or after an unquoted value),
   * {@code export} and quotes allowed.
   */
  static Map<String, String> readDotEnv(Path file) {
    Map<String, String> values = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return values;
    }
    try {
      for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("export ")) {
          line = line.substring("export ".length()).strip();
        }
        int eq = line.indexOf('=');
        if (eq <= 0) {
          continue;
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (value.length() >= 2
            && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
          value = value.substring(1, value.length() - 1);
        } else if (value.contains(" #")) {
          value = value.substring(0, value.indexOf(" #")).strip();
        }
        values.put(key, value);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.toAbsolutePath(), e);
    }
    return values;
  }
}
