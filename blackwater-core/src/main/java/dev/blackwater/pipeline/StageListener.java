package dev.blackwater.pipeline;

import dev.blackwater.extract.ExtractResult;
import dev.blackwater.load.LoadResult;
import dev.blackwater.transform.TransformResult;

/**
 * Told what each stage did as soon as it is done: progress lines on a terminal, metrics on Lambda.
 */
public interface StageListener {

  /** A listener that does nothing. */
  StageListener NONE = new StageListener() {};

  default void extracted(ExtractResult result) {}

  default void transformed(TransformResult result) {}

  default void loaded(LoadResult result) {}
}
