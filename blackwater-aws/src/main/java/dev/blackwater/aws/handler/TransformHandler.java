package dev.blackwater.aws.handler;

import dev.blackwater.Stage;

/** The transform function: each new ingestion batch into a processed batch. */
public final class TransformHandler extends StageHandler {

  /** Lambda's constructor: settings from the function's environment. */
  public TransformHandler() {
    super(Stage.TRANSFORM, HandlerSetup.fromSystem());
  }
}
