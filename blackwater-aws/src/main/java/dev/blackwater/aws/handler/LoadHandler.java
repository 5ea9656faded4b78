package dev.blackwater.aws.handler;

import dev.blackwater.Stage;

/**
 * The load function: every processed batch not yet in the warehouse (credentials from {@code
 * BLACKWATER_WAREHOUSE_SECRET}, or a URL). Its JSON result carries {@code freshnessLagSeconds}: the
 * age of the newest source change in the warehouse, also reported as the {@code
 * FreshnessLagSeconds} metric (stage load) that the staleness alarm watches.
 */
public final class LoadHandler extends StageHandler {

  /** Lambda's constructor: settings from the function's environment. */
  public LoadHandler() {
    super(Stage.LOAD, HandlerSetup.fromSystem());
  }
}
