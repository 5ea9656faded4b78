package dev.blackwater.lake;

import com.fasterxml.jackson.databind.util.StdConverter;
import dev.blackwater.Stage;

/**
 * A manifest's stage as its lower-case label ({@code "extract"}, {@code "transform"}), as manifests
 * have always named it; run records and status keep Jackson's upper-case enum names.
 */
final class StageLabel {

  private StageLabel() {}

  /** Writes a stage as its label. */
  static final class Writer extends StdConverter<Stage, String> {
    @Override
    public String convert(Stage stage) {
      return stage.label();
    }
  }

  /** Reads a label back into its stage. */
  static final class Reader extends StdConverter<String, Stage> {
    @Override
    public Stage convert(String label) {
      return Stage.labelled(label);
    }
  }
}
