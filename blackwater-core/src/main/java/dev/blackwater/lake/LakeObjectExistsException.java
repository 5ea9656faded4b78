package dev.blackwater.lake;

import dev.blackwater.error.BlackwaterException;
import dev.blackwater.error.ErrorCode;

/** A put-if-absent found the key taken: another writer got there first. */
public final class LakeObjectExistsException extends BlackwaterException {

  private static final long serialVersionUID = 1L;

  public LakeObjectExistsException(String location, String key) {
    super(
        ErrorCode.CONCURRENCY,
        key + " already exists in " + location + ": another writer got there first");
  }
}
