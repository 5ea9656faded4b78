package dev.blackwater.aws.handler;

import dev.blackwater.aws.metrics.EmbeddedMetrics;
import dev.blackwater.config.Machine;
import java.time.Clock;
import java.util.function.Function;

/**
 * What a handler is built from: its function's environment (the settings Terraform gives it, the
 * same {@code BLACKWATER_*} variables the command line reads), where its metrics go, its machine
 * and its clock.
 */
record HandlerSetup(
    Function<String, String> environment, EmbeddedMetrics metrics, Machine machine, Clock clock) {

  /** Lambda's: this process's environment, metrics on stdout, the system clock. */
  static HandlerSetup fromSystem() {
    return new HandlerSetup(
        System::getenv, EmbeddedMetrics.toStandardOutput(), Machine.current(), Clock.systemUTC());
  }
}
