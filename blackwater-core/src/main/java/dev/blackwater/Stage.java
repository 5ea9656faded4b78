package dev.blackwater;

import java.util.Locale;

/** The three stages of a run. */
public enum Stage {
  EXTRACT,
  TRANSFORM,
  LOAD;

  /** Lower-case name, as in logs, keys and manifests. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stage whose {@link #label()} is {@code label}. */
  public static Stage labelled(String label) {
    for (Stage stage : values()) {
      if (stage.label().equals(label)) {
        return stage;
      }
    }
    throw new IllegalArgumentException("no stage is called '" + label + "'");
  }
}
