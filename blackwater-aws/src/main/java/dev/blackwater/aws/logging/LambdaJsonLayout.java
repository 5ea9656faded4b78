package dev.blackwater.aws.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Log events as one JSON object per line, in the shape Lambda's JSON log format expects of
 * application logs: an RFC 3339 {@code timestamp} and a {@code level} (which Lambda's log-level
 * filtering reads), then {@code message}, {@code logger}, {@code thread}, each MDC entry ({@code
 * runId}, {@code stage}, {@code table}, {@code batch}) as a field of its own, and for a failure
 * {@code errorType} and {@code stackTrace}.
 */
public final class LambdaJsonLayout extends LayoutBase<ILoggingEvent> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String doLayout(ILoggingEvent event) {
    ObjectNode line = JSON.createObjectNode();
    line.put("timestamp", event.getInstant().toString());
    line.put("level", event.getLevel().toString());
    line.put("message", event.getFormattedMessage());
    line.put("logger", event.getLoggerName());
    line.put("thread", event.getThreadName());
    event
        .getMDCPropertyMap()
        .forEach(
            (key, value) -> {
              if (!line.has(key)) {
                line.put(key, value);
              }
            });
    IThrowableProxy failure = event.getThrowableProxy();
    if (failure != null) {
      line.put("errorType", failure.getClassName());
      line.put("stackTrace", ThrowableProxyUtil.asString(failure));
    }
    try {
      return JSON.writeValueAsString(line) + CoreConstants.LINE_SEPARATOR;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a log line", e);
    }
  }
}
