package dev.blackwater.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;

/** An object a manifest names is not in the lake. */
public final class LakeObjectMissingException extends BlackwaterException {

  private static final long serialVersionUID = 1L;

  public LakeObjectMissingException(String location, String key) {
    super(ErrorCode.DATA_QUALITY, key + " is missing from " + location);
  }
}
