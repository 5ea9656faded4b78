package dev.blackwater.cli;

import java.util.Arrays;
import java.util.List;

/**
 * Chooses the logging configuration before the first logger exists: readable text on stderr, or
 * JSON lines with {@code --log-format json}; debug level with {@code --debug}.
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
    List<String> list = Arrays.asList(args);
    boolean json =
        list.contains("--log-format=json")
            || (list.indexOf("--log-format") >= 0
                && list.indexOf("--log-format") + 1 < list.size()
                && list.get(list.indexOf("--log-format") + 1).equalsIgnoreCase("json"));
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty(
          "logback.configurationFile", json ? "logback-json.xml" : "logback-text.xml");
    }
    if (list.contains("--debug")) {
      System.setProperty("blackwater.log.level", "DEBUG");
    }
  }
}
