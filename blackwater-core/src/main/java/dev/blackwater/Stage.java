package dev.blackwater;

import java.util.Locale;

/** The three stages of a run. */
public enum Stage {
  EXTRACT,
  TRANSFORM,
  LOAD;

  /** Lower-case name, as in logs and keys. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
