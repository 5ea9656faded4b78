package dev.blackwater.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchIdTest {

  @Test
  void formatsAsPaddedSequenceAndUtcSecond() {
    BatchId id = new BatchId(42, Instant.parse("2026-11-27T16:17:28.987Z"));
    assertThat(id).hasToString("000042-20261127T161728Z");
    assertThat(id.datePath()).isEqualTo("2026/11/27");
    assertThat(id.objectKey("sales_order", ".csv.gz"))
        .isEqualTo("sales_order/2026/11/27/000042-20261127T161728Z.csv.gz");
    assertThat(BatchId.parse(id.toString())).isEqualTo(id);
  }

  @Test
  void sortsBySequence() {
    List<BatchId> ids =
        new ArrayList<>(
            List.of(
                BatchId.parse("000010-20260101T000000Z"),
                BatchId.parse("000002-20270101T000000Z"),
                BatchId.parse("000003-20250101T000000Z")));
    ids.sort(null);
    assertThat(ids).extracting(BatchId::sequence).containsExactly(2L, 3L, 10L);
  }

  @Test
  void rejectsNonBatchNames() {
    assertThatThrownBy(() -> BatchId.parse("42-now")).hasMessageContaining("not a batch name");
    assertThatThrownBy(() -> BatchId.parse("000042-20261399T999999Z"))
        .hasMessageContaining("not a batch name");
    assertThatThrownBy(() -> new BatchId(0, Instant.EPOCH))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
