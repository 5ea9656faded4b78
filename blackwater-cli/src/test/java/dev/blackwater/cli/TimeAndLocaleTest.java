package dev.blackwater.cli;

import dev.blackwater.testkit.TimeAndLocaleRules;
import org.junit.jupiter.api.Test;

/** No "now" but from an injected clock, no default zone or locale (see TimeAndLocaleRules). */
class TimeAndLocaleTest {

  @Test
  void thisModuleKeepsTheRules() {
    TimeAndLocaleRules.checkThisModule(Main.class);
  }
}
