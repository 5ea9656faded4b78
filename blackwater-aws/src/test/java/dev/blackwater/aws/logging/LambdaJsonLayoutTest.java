package dev.blackwater.aws.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Lambda artifact's logging configuration (src/lambda/logback.xml) as Lambda sees it. */
class LambdaJsonLayoutTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesOneJsonObjectPerLineWithTimestampLevelMessageLoggerAndTheMdc() throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(Path.of("src/lambda/logback.xml").toFile());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream standardOutput = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      context.getMDCAdapter().put("runId", "req-1");
      context.getMDCAdapter().put("stage", "load");
      context.getLogger("dev.blackwater.load.Loader").info("loading batch {}", "000001");
      context.getLogger("dev.blackwater.load.Loader").debug("not at INFO");
      context.getLogger("org.flywaydb.core.Flyway").info("a library's INFO stays out");
      context
          .getLogger("dev.blackwater.aws.handler.StageInvocation")
          .error("load failed", new IllegalStateException("boom\nsecond line"));
    } finally {
      System.setOut(standardOutput);
      context.getMDCAdapter().clear();
      context.stop();
    }

    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).hasSize(2);
    JsonNode info = lines.get(0);
    assertThat(OffsetDateTime.parse(info.path("timestamp").asText())).isNotNull();
    assertThat(info.path("level").asText()).isEqualTo("INFO");
    assertThat(info.path("message").asText()).isEqualTo("loading batch 000001");
    assertThat(info.path("logger").asText()).isEqualTo("dev.blackwater.load.Loader");
    assertThat(info.path("runId").asText()).isEqualTo("req-1");
    assertThat(info.path("stage").asText()).isEqualTo("load");
    assertThat(info.has("stackTrace")).isFalse();
    JsonNode error = lines.get(1);
    assertThat(error.path("level").asText()).isEqualTo("ERROR");
    assertThat(error.path("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.path("stackTrace").asText()).contains("boom").contains("second line");
  }
}
