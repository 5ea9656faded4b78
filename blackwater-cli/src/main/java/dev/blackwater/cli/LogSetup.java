package dev.blackwater.cli;

import java.util.Arrays;
import java.util.List;

/**
 * Chooses the logging configuration before the first logger exists: readable text on stderr, or
 * JSON lines with {@code --log-format json}; debug level with {@code --debug}. Like every option,
 * these can come from {@code BLACKWATER_LOG_FORMAT} and {@code BLACKWATER_DEBUG} (environment or
 * {@code .env}).
 */
public final class LogSetup {

  private LogSetup() {}

  /** Only warnings from Blackwater's own loggers, unless {@code --debug} asked for more. */
  public static void quiet() {
    if (!"DEBUG".equals(System.getProperty("blackwater.log.level"))) {
      ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.blackwater"))
          .setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }

  static void beforeFirstLogger(String[] args) {
    EnvironmentDefaults defaults = EnvironmentDefaults.fromProcess();
    String format = defaults.lookup("BLACKWATER_LOG_FORMAT").orElse("text");
    boolean debug = defaults.lookup("BLACKWATER_DEBUG").map(Boolean::parseBoolean).orElse(false);
    List<String> list = Arrays.asList(args);
    for (int i = 0; i < list.size(); i++) {
      String arg = list.get(i);
      if (arg.regionMatches(true, 0, "--log-format=", 0, "--log-format=".length())) {
        format = arg.substring("--log-format=".length());
      } else if (arg.equals("--log-format") && i + 1 < list.size()) {
        format = list.get(i + 1);
      } else if (arg.equals("--debug")) {
        debug = true;
      }
    }
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty(
          "logback.configurationFile",
          format.equalsIgnoreCase("json") ? "logback-json.xml" : "logback-text.xml");
    }
    if (debug) {
      System.setProperty("blackwater.log.level", "DEBUG");
    }
  }
}
