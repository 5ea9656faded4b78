package dev.blackwater.aws.handler;

import dev.blackwater.Stage;

/**
 * The extract function: totesys (credentials from {@code BLACKWATER_SOURCE_SECRET}, or a URL) into
 * the ingestion zone. Its JSON result carries {@code nothingNew}: when true, the state machine's
 * {@code AnythingNew} choice skips transform and goes straight to load (load runs after every
 * extract: it takes a second with nothing pending, loads whatever an earlier failed run left
 * transformed, and reports the freshness the staleness alarm needs on every run).
 */
public final class ExtractHandler extends StageHandler {

  /** Lambda's constructor: settings from the function's environment. */
  public ExtractHandler() {
    super(Stage.EXTRACT, HandlerSetup.fromSystem());
  }
}
