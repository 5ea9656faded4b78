package dev.blackwater.aws.handler;

import dev.blackwater.aws.metrics.EmbeddedMetrics;
import dev.blackwater.testkit.TimeAndLocaleRules;
import org.junit.jupiter.api.Test;

/** No "now" but from an injected clock, no default zone or locale (see TimeAndLocaleRules). */
class TimeAndLocaleTest {

  @Test
  void thisModuleKeepsTheRules() {
    TimeAndLocaleRules.checkThisModule(HandlerSetup.class, EmbeddedMetrics.class);
  }
}
