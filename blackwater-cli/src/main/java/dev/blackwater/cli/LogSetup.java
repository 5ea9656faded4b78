package dev.blackwater.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.status.NopStatusListener;
import dev.blackwater.config.Configuration;
import dev.blackwater.config.Machine;
import dev.blackwater.config.SettingSource;
import dev.blackwater.config.Settings;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures logging before a command runs: readable text on stderr, or JSON lines with {@code
 * --log-format json}; debug level with {@code --debug}. Like every setting, these come from the
 * options, then {@code BLACKWATER_LOG_FORMAT} and {@code BLACKWATER_DEBUG} (environment or {@code
 * .env}). Logback is configured in code (no XML to parse at start-up: a cycle with nothing new is
 * mostly start-up), unless {@code -Dlogback.configurationFile} names a file of the user's.
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
    context.getStatusManager().add(new NopStatusListener());
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setContext(context);
    stderr.setName(json ? "JSON" : "STDERR");
    stderr.setTarget("System.err");
    stderr.setEncoder(json ? jsonLines(context) : readableLines(context));
    stderr.start();
    ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.WARN);
    root.addAppender(stderr);
    logger().setLevel(debug ? Level.DEBUG : Level.INFO);
  }

  /** Readable lines: time, level, stage, table, message. */
  private static Encoder<ILoggingEvent> readableLines(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %-9X{stage} %-16X{table} %msg%n");
    encoder.start();
    return encoder;
  }

  /** One JSON object per line, with the run id, stage and table in "mdc". */
  private static Encoder<ILoggingEvent> jsonLines(LoggerContext context) {
    JsonEncoder encoder = new JsonEncoder();
    encoder.setContext(context);
    encoder.setWithSequenceNumber(false);
    encoder.setWithNanoseconds(false);
    encoder.setWithContext(false);
    encoder.setWithArguments(false);
    encoder.setWithFormattedMessage(true);
    encoder.setWithMessage(false);
    encoder.start();
    return encoder;
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
