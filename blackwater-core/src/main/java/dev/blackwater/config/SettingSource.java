package dev.blackwater.config;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where setting values come from: the command line's options, an environment (a Lambda function's
 * variables), a {@code .env} file, or several of them, the first that has a value winning.
 */
@FunctionalInterface
public interface SettingSource {

  /** The value given for {@code setting}, empty when none (a blank value counts as none). */
  Optional<String> value(Setting setting);

  /** No values at all: every setting at its default. */
  static SettingSource none() {
    return setting -> Optional.empty();
  }

  /** Values by variable name ({@code BLACKWATER_OVERLAP}), as an environment holds them. */
  static SettingSource environment(Function<String, String> variables) {
    return setting ->
        Optional.ofNullable(variables.apply(setting.variable()))
            .map(String::trim)
            .filter(v -> !v.isEmpty());
  }

  /** Values by variable name from a map (an environment's copy, a parsed {@code .env}). */
  static SettingSource environment(Map<String, String> variables) {
    Map<String, String> copy = Map.copyOf(variables);
    return environment(copy::get);
  }

  /** The first of {@code sources} that has a value. */
  static SettingSource firstOf(SettingSource... sources) {
    List<SettingSource> all = Arrays.asList(sources.clone());
    return setting -> all.stream().map(s -> s.value(setting)).flatMap(Optional::stream).findFirst();
  }
}
