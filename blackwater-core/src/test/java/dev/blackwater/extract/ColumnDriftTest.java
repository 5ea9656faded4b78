package dev.blackwater.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.catalog.Column;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnDriftTest {

  private static final List<Column> BEFORE =
      List.of(new Column("id", "integer"), new Column("name", "character varying"));

  @Test
  void theSameColumnsPass() {
    assertThat(ColumnDrift.check("t", "b1", BEFORE, BEFORE, false)).isEmpty();
    assertThat(ColumnDrift.check("t", "", List.of(), BEFORE, false)).isEmpty();
  }

  @Test
  void addedColumnsNeedConsent() {
    List<Column> now = List.of(BEFORE.get(0), BEFORE.get(1), new Column("extra", "text"));
    assertThatThrownBy(() -> ColumnDrift.check("t", "b1", BEFORE, now, false))
        .hasMessageContaining("source table t differ from batch b1")
        .hasMessageContaining("added [extra text]")
        .hasMessageContaining("--accept-added-columns");
    assertThat(ColumnDrift.check("t", "b1", BEFORE, now, true)).containsExactly("extra text");
  }

  @Test
  void removedOrRetypedColumnsAlwaysFail() {
    assertThatThrownBy(() -> ColumnDrift.check("t", "b1", BEFORE, List.of(BEFORE.get(0)), true))
        .hasMessageContaining("removed [name]");
    assertThatThrownBy(
            () ->
                ColumnDrift.check(
                    "t", "b1", BEFORE, List.of(BEFORE.get(0), new Column("name", "text")), true))
        .hasMessageContaining("changed [name character varying -> text]");
  }
}
