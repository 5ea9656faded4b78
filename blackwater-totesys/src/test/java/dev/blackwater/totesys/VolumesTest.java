package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VolumesTest {

  @Test
  void scaleOneIsTheSnapshot() {
    Volumes one = Volumes.of(1);
    assertThat(one).isEqualTo(new Volumes(473, 11_187, 4_649));
    assertThat(one.transactions()).isEqualTo(15_836);
    assertThat(one.initialDesigns()).isEqualTo(9);
  }

  @Test
  void ordersGrowLinearlyAndDesignsSlowly() {
    assertThat(Volumes.of(10)).isEqualTo(new Volumes(946, 111_870, 46_490));
    assertThat(Volumes.of(100)).isEqualTo(new Volumes(1_419, 1_118_700, 464_900));
    assertThat(Volumes.of(2.5).designs()).isEqualTo(661);
  }

  @Test
  void smallScalesRoundWithAtLeastOneRow() {
    assertThat(Volumes.of(0.01)).isEqualTo(new Volumes(5, 112, 46));
    assertThat(Volumes.of(1e-9)).isEqualTo(new Volumes(1, 1, 1));
    assertThat(Volumes.of(1e-9).initialDesigns()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY})
  void rejectsScalesThatAreNotPositiveNumbers(double scale) {
    assertThatThrownBy(() -> Volumes.of(scale))
        .isInstanceOfSatisfying(
            TotesysException.class,
            e -> assertThat(e.kind()).isEqualTo(TotesysException.Kind.BAD_ARGUMENT))
        .hasMessageContaining("positive");
  }

  @Test
  void rejectsScalesWhoseIdsWouldOverflow() {
    assertThat(Volumes.of(100_000).transactions()).isPositive();
    assertThatThrownBy(() -> Volumes.of(1e6)).hasMessageContaining("too large");
    assertThatThrownBy(() -> Volumes.of(1e300)).hasMessageContaining("too large");
  }
}
