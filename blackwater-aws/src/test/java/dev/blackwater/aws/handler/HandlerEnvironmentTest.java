package dev.blackwater.aws.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.blackwater.config.WarehouseMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class HandlerEnvironmentTest {

  private final Map<String, String> env =
      new HashMap<>(
          Map.of(
              "BLACKWATER_INGESTION", "s3://lake-ingestion/",
              "BLACKWATER_PROCESSED", "s3://lake-processed/"));

  private HandlerEnvironment read() {
    return HandlerEnvironment.from(env::get, Path.of("/tmp"));
  }

  @Test
  void defaultsWhatTerraformDoesNotSet() {
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "2048");

    HandlerEnvironment e = read();

    assertThat(e.ingestion()).isEqualTo(URI.create("s3://lake-ingestion/"));
    assertThat(e.warehouseSchema()).isEqualTo("public");
    assertThat(e.warehouseMode()).isEqualTo(WarehouseMode.MIGRATE);
    assertThat(e.memoryLimit()).isEqualTo("512MB");
    assertThat(e.tempDirectory()).isEqualTo(Path.of("/tmp"));
    assertThat(e.sourceSecret()).isEmpty();
    assertThat(e.secretsEndpoint()).isEmpty();
    assertThat(e.extractSettings().tables()).hasSize(11);
    assertThat(e.transformSettings().memoryLimit()).isEqualTo("512MB");
    assertThat(e.loadSettings().schema()).isEqualTo("public");
  }

  @Test
  void readsEverySetting() {
    env.put("BLACKWATER_SOURCE_SECRET", "bw/source-database");
    env.put("BLACKWATER_WAREHOUSE_SCHEMA", "star");
    env.put("BLACKWATER_WAREHOUSE_MODE", "check");
    env.put("BLACKWATER_TABLES", " sales_order , staff ");
    env.put("BLACKWATER_OVERLAP", "5m");
    env.put("BLACKWATER_MEMORY_LIMIT", "1GB");
    env.put("BLACKWATER_TEMP_DIR", "/mnt/work");
    env.put("BLACKWATER_SECRETS_ENDPOINT", "http://localhost:4566");

    HandlerEnvironment e = read();

    assertThat(e.sourceSecret()).contains("bw/source-database");
    assertThat(e.loadSettings().schema()).isEqualTo("star");
    assertThat(e.loadSettings().mode()).isEqualTo(WarehouseMode.CHECK);
    assertThat(e.extractSettings().tables()).isEqualTo(List.of("sales_order", "staff"));
    assertThat(e.extractSettings().overlap()).isEqualTo(Duration.ofMinutes(5));
    assertThat(e.transformSettings().memoryLimit()).isEqualTo("1GB");
    assertThat(e.transformSettings().tempDirectory()).isEqualTo(Path.of("/mnt/work"));
    assertThat(e.secretsEndpoint()).isEqualTo(Optional.of(URI.create("http://localhost:4566")));
    env.put("BLACKWATER_OVERLAP", "PT90S");
    assertThat(read().overlap()).contains(Duration.ofSeconds(90));
  }

  @Test
  void theConstructorsLambdaCallsReadThisProcesssEnvironment() {
    assumeTrue(System.getenv("BLACKWATER_INGESTION") == null, "the test process names no zone");

    for (ThrowingCallable lambdaConstructs :
        List.<ThrowingCallable>of(ExtractHandler::new, TransformHandler::new, LoadHandler::new)) {
      assertThatThrownBy(lambdaConstructs)
          .hasMessage("BLACKWATER_INGESTION is not set: the zone's location, s3://bucket/prefix");
    }
  }

  @Test
  void namesWhatIsWrong() {
    env.put("BLACKWATER_WAREHOUSE_MODE", "replace");
    assertThatThrownBy(this::read)
        .hasMessage("BLACKWATER_WAREHOUSE_MODE must be migrate or check, not 'replace'");
    env.remove("BLACKWATER_WAREHOUSE_MODE");
    env.put("BLACKWATER_OVERLAP", "a while");
    assertThatThrownBy(this::read)
        .hasMessage(
            "BLACKWATER_OVERLAP 'a while' is not a duration (examples: 90s, 15m, 2h, PT15M)");
    env.remove("BLACKWATER_OVERLAP");
    env.put("BLACKWATER_SECRETS_ENDPOINT", "localhost:4566");
    assertThatThrownBy(this::read)
        .hasMessage(
            "BLACKWATER_SECRETS_ENDPOINT 'localhost:4566' is not an endpoint URL like"
                + " http://localhost:9000");
    env.remove("BLACKWATER_SECRETS_ENDPOINT");
    env.put("BLACKWATER_INGESTION", "ftp://x");
    assertThatThrownBy(this::read).hasMessageContaining("malformed --ingestion location");
  }
}
