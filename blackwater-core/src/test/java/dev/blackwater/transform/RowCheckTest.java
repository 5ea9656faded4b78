package dev.blackwater.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.blackwater.duckdb.DuckDbSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row checks on DuckDB: the rules, the rows that break them, and the guard of a streamed read.
 */
class RowCheckTest {

  @TempDir Path spill;

  @Test
  void theGuardLetsGoodRowsPassAndStopsAtTheFirstBrokenOne() throws Exception {
    try (DuckDbSession duck = new DuckDbSession("64MB", 1, spill)) {
      duck.execute(RowCheck.rules());
      String rows =
          "SELECT * FROM (VALUES ('2024-01-31', '2024-02-29', '2.50'), (%s)) AS"
              + " t(agreed_delivery_date, agreed_payment_date, unit_price)";

      assertThat(
              duck.queryLong(
                  "SELECT count(*) FROM ("
                      + String.format(
                          java.util.Locale.ROOT, rows, "'2024-03-01', '2024-03-02', '0.1'")
                      + ") WHERE "
                      + RowCheck.guard("sales_order")))
          .isEqualTo(2);
      for (String broken :
          new String[] {
            "'2024-02-30', '2024-03-02', '1'",
            "'2024-03-01', NULL, '1'",
            "'2024-03-01', '2024-03-02', '2.505'",
            "'2024-03-01', '2024-03-02', '123456789'"
          }) {
        assertThatThrownBy(
                () ->
                    duck.queryLong(
                        "SELECT count(*) FROM ("
                            + String.format(java.util.Locale.ROOT, rows, broken)
                            + ") WHERE "
                            + RowCheck.guard("sales_order")))
            .as(broken)
            .hasMessageContaining(RowCheck.GUARD_MESSAGE + "sales_order");
      }
    }
  }

  @Test
  void aTableWithoutChecksHasNoGuardAndEveryCheckedTableHasRowsToReport() {
    assertThat(RowCheck.guard("transaction")).isEmpty();
    assertThat(RowCheck.brokenRows())
        .contains("FROM batch.\"sales_order\"")
        .contains("FROM batch.\"purchase_order\"")
        .contains("FROM batch.\"payment\"");
  }
}
