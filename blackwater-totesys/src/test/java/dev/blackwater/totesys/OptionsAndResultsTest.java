package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsAndResultsTest {

  @Test
  void seedOptionsRejectBadScales() {
    assertThat(new SeedOptions(0.01, 7).scale()).isEqualTo(0.01);
    for (double scale : new double[] {0, -0.5, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new SeedOptions(scale, 1))
          .isInstanceOfSatisfying(
              TotesysException.class,
              e -> assertThat(e.kind()).isEqualTo(TotesysException.Kind.BAD_ARGUMENT));
    }
  }

  @Test
  void seedOptionsEndTheHistoryOnTheSnapshotsDayUnlessToldOtherwise() {
    SeedOptions options = new SeedOptions(0.5, 3);
    assertThat(options.lastDay()).isEqualTo(LocalDate.of(2024, 11, 15));
    LocalDate other = LocalDate.of(2040, 2, 29);
    assertThat(options.endingOn(other)).isEqualTo(new SeedOptions(0.5, 3, other));
    for (LocalDate far : new LocalDate[] {LocalDate.of(1974, 12, 31), LocalDate.of(9991, 1, 1)}) {
      assertThatThrownBy(() -> options.endingOn(far))
          .isInstanceOfSatisfying(
              TotesysException.class,
              e -> assertThat(e.kind()).isEqualTo(TotesysException.Kind.BAD_ARGUMENT))
          .hasMessageContaining(far.toString());
    }
  }

  @Test
  void simulateOptionsRejectNoChanges() {
    assertThat(new SimulateOptions(1, 7).changes()).isEqualTo(1);
    for (int changes : new int[] {0, -3}) {
      assertThatThrownBy(() -> new SimulateOptions(changes, 1))
          .isInstanceOfSatisfying(
              TotesysException.class,
              e -> assertThat(e.kind()).isEqualTo(TotesysException.Kind.BAD_ARGUMENT))
          .hasMessageContaining("positive");
    }
  }

  @Test
  void seedResultKeepsTheTableOrderAndCannotBeChanged() {
    Map<String, Long> rows = new LinkedHashMap<>();
    rows.put("sales_order", 3L);
    rows.put("address", 2L);
    SeedResult result = new SeedResult(rows, Duration.ofSeconds(1));
    rows.put("payment", 9L);
    assertThat(result.rows().keySet()).containsExactly("sales_order", "address");
    assertThat(result.totalRows()).isEqualTo(5);
    assertThatThrownBy(() -> result.rows().put("x", 1L))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void simulateResultListsEveryKind() {
    SimulateResult result =
        new SimulateResult(Map.of(ChangeKind.NEW_STAFF, 2), Duration.ofMillis(5));
    assertThat(result.changes()).hasSize(ChangeKind.values().length);
    assertThat(result.count(ChangeKind.NEW_STAFF)).isEqualTo(2);
    assertThat(result.count(ChangeKind.PAYMENT_PAID)).isZero();
    assertThat(result.total()).isEqualTo(2);
  }

  @Test
  void exceptionsCarryTheirKindAndCause() {
    IllegalStateException cause = new IllegalStateException("boom");
    TotesysException e =
        new TotesysException(TotesysException.Kind.SCHEMA_EXISTS, "already there", cause);
    assertThat(e.kind()).isEqualTo(TotesysException.Kind.SCHEMA_EXISTS);
    assertThat(e).hasMessage("already there").hasCause(cause);
  }
}
