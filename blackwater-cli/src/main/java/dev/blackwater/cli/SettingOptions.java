package dev.blackwater.cli;

import dev.blackwater.config.Setting;
import dev.blackwater.config.SettingSource;
import dev.blackwater.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The command line's options for {@link Settings}: made from the table (flag, description,
 * variable, default), one per setting a command takes ({@link TakesSettings}), the logging ones on
 * every command.
 */
final class SettingOptions {

  private SettingOptions() {}

  /** Adds the setting options to {@code root} and every command below it. */
  static void addTo(CommandLine root) {
    List<CommandLine> all = new ArrayList<>();
    collect(root, all);
    for (CommandLine command : all) {
      List<Setting> settings = new ArrayList<>();
      if (command.getCommand() instanceof TakesSettings takes) {
        settings.addAll(takes.settings());
      }
      settings.addAll(Settings.of(Setting.Group.LOGGING));
      CommandSpec spec = command.getCommandSpec();
      for (Setting setting : settings) {
        if (spec.findOption(setting.flag()) == null) {
          spec.addOption(option(setting));
        }
      }
    }
  }

  /**
   * The values given on the command line of {@code spec} or of a command above it ({@code
   * blackwater --debug extract} is {@code extract}'s debug too).
   */
  static SettingSource given(CommandSpec spec) {
    return setting -> {
      for (CommandSpec command = spec; command != null; command = command.parent()) {
        Optional<String> value =
            Optional.ofNullable(command.findOption(setting.flag()))
                .map(OptionSpec::getValue)
                .map(String::valueOf)
                .map(String::trim)
                .filter(v -> !v.isEmpty());
        if (value.isPresent()) {
          return value;
        }
      }
      return Optional.empty();
    };
  }

  /**
   * Whether {@code flag} is a setting's option: picocli gives it no default, since {@link
   * Composition#settings} reads the environment and {@code .env} for it.
   */
  static boolean isSetting(String flag) {
    return Settings.named(flag).isPresent();
  }

  private static void collect(CommandLine command, List<CommandLine> all) {
    all.add(command);
    command.getSubcommands().values().forEach(sub -> collect(sub, all));
  }

  private static OptionSpec option(Setting setting) {
    boolean flag = setting.type() == Setting.Type.FLAG;
    OptionSpec.Builder option =
        OptionSpec.builder(setting.flag())
            .type(String.class)
            .paramLabel(label(setting))
            .description(description(setting));
    if (flag) {
      option.arity("0..1").fallbackValue("true");
    } else {
      option.arity("1");
    }
    return option.build();
  }

  private static String label(Setting setting) {
    return switch (setting.type()) {
      case JDBC_URL -> "JDBC_URL";
      case ZONE -> "URI";
      case ENDPOINT -> "URL";
      case LIST -> "NAME[,NAME...]";
      case DURATION -> "DURATION";
      case SIZE -> "SIZE";
      case COUNT -> "N";
      case PATH -> "DIR";
      case FILE -> "FILE";
      case FLAG -> "true|false";
      case CHOICE ->
          setting == Settings.LOG_FORMAT
              ? "text|json"
              : setting == Settings.WAREHOUSE_MODE ? "migrate|check" : "SSLMODE";
      case TEXT, SECRET_TEXT -> "TEXT";
    };
  }

  private static String description(Setting setting) {
    String text =
        setting.description()
            + " (env "
            + setting.variable()
            + (setting.defaultValue() == null ? "" : "; default " + setting.defaultValue())
            + ")";
    return text.replace("%", "%%");
  }
}
