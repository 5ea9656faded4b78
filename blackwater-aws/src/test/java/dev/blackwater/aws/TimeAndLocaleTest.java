package dev.blackwater.aws;

import dev.blackwater.aws.handler.ExtractHandler;
import dev.blackwater.aws.handler.LoadHandler;
import dev.blackwater.aws.handler.TransformHandler;
import dev.blackwater.aws.metrics.EmbeddedMetrics;
import dev.blackwater.testkit.TimeAndLocaleRules;
import org.junit.jupiter.api.Test;

/** No "now" but from an injected clock, no default zone or locale (see TimeAndLocaleRules). */
class TimeAndLocaleTest {

  @Test
  void thisModuleKeepsTheRules() {
    TimeAndLocaleRules.checkThisModule(
        ExtractHandler.class, TransformHandler.class, LoadHandler.class, EmbeddedMetrics.class);
  }
}
