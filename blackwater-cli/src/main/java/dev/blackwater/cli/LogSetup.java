package dev.blackwater.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.blackwater.config.Configuration;
import dev.blackwater.config.Machine;
import dev.blackwater.config.SettingSource;
import dev.blackwater.config.Settings;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Configures logging before a command runs: readable text on stderr, or JSON lines with {@code
 * --log-format json}; debug level with {@code --debug}. Like every setting, these come from the
 * options, then {@code BLACKWATER_LOG_FORMAT} and {@code BLACKWATER_DEBUG} (environment or {@code
 * .env}). Logback is configured in code, from {@code logback-text.xml} or {@code logback-json.xml},
 * unless {@code -Dlogback.configurationFile} names a file of the user's.
 */
public final class LogSetup {

  private LogSetup() {}

  /** Only warnings from Blackwater's own loggers, unless {@code debug} asked for more. */
  public static void quiet(boolean debug) {
    if (!debug) {
      logger().setLevel(Level.WARN);
    }
  }

  static void beforeFirstLogger(Composition composition, String[] args) {
    Configuration configuration =
        new Configuration(
            SettingSource.firstOf(fromArguments(args), composition.environmentSettings()),
            Machine::current);
    boolean json;
    boolean debug;
    try {
      json = configuration.jsonLogs();
      debug = configuration.debug();
    } catch (RuntimeException malformed) {
      // the command reports the malformed setting itself; log as text meanwhile
      json = false;
      debug = false;
    }
    if (System.getProperty("logback.configurationFile") != null) {
      return;
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    context.putProperty("blackwater.log.level", debug ? "DEBUG" : "INFO");
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(
          LogSetup.class.getResource(json ? "/logback-json.xml" : "/logback-text.xml"));
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure logging", e);
    }
  }

  /** {@code --log-format X}, {@code --log-format=X} and {@code --debug[=B]} among {@code args}. */
  static SettingSource fromArguments(String[] args) {
    List<String> list = Arrays.asList(args);
    return setting -> {
      String flag = setting.flag();
      if (setting != Settings.LOG_FORMAT && setting != Settings.DEBUG) {
        return Optional.empty();
      }
      for (int i = 0; i < list.size(); i++) {
        String arg = list.get(i);
        if (arg.startsWith(flag + "=")) {
          return Optional.of(arg.substring(flag.length() + 1));
        }
        if (arg.equals(flag)) {
          boolean valued = setting == Settings.LOG_FORMAT && i + 1 < list.size();
          return Optional.of(valued ? list.get(i + 1) : "true");
        }
      }
      return Optional.empty();
    };
  }

  private static ch.qos.logback.classic.Logger logger() {
    return (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.blackwater");
  }
}
