package dev.blackwater.cli;

import java.util.Arrays;
import java.util.List;

/**
 * Chooses the logging configuration before the first logger exists: readable text on stderr, or
 * JSON lines with {@code --log-format json}; debug level with {@code --debug}.
 */
final class LogSetup {

  private LogSetup() {}

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
