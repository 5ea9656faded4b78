package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChangeMixTest {

  @Test
  void weightsAddUpToAThousand() {
    int total = 0;
    for (ChangeKind kind : ChangeKind.values()) {
      total += kind.perMille();
    }
    assertThat(total).isEqualTo(1000);
  }

  @Test
  void longRunsHaveEveryKindAtFixedPositions() {
    ChangeKind[] kinds = ChangeKind.values();
    for (int k = 0; k < kinds.length; k++) {
      assertThat(ChangeMix.kindAt(2 + 5 * k, 50, new SplittableRandom(k))).isEqualTo(kinds[k]);
    }
  }

  @Test
  void otherChangesFollowTheWeights() {
    Map<ChangeKind, Integer> counts = new EnumMap<>(ChangeKind.class);
    SplittableRandom random = new SplittableRandom(8);
    for (int i = 0; i < 100_000; i++) {
      counts.merge(ChangeMix.kindAt(i, 10, random), 1, Integer::sum);
    }
    for (ChangeKind kind : ChangeKind.values()) {
      assertThat(counts.get(kind) / 100.0).as(kind.name()).isCloseTo(kind.perMille(), offset());
    }
  }

  private static org.assertj.core.data.Offset<Double> offset() {
    return org.assertj.core.data.Offset.offset(10.0);
  }
}
