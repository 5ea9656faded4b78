package dev.blackwater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StageTest {

  @Test
  void eachStageIsFoundByItsLabel() {
    for (Stage stage : Stage.values()) {
      assertThat(Stage.labelled(stage.label())).isEqualTo(stage);
    }
    assertThat(Stage.TRANSFORM.label()).isEqualTo("transform");
  }

  @Test
  void anotherLabelIsRefused() {
    assertThatThrownBy(() -> Stage.labelled("Load"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no stage is called 'Load'");
  }
}
