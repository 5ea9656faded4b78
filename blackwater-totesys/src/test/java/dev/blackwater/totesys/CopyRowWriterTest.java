package dev.blackwater.totesys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class CopyRowWriterTest {

  private final StringWriter out = new StringWriter();
  private final CopyRowWriter writer = new CopyRowWriter(out);

  @Test
  void writesTabSeparatedRowsWithNulls() throws IOException {
    writer.integer(1).text("O'Keefe, Zoë").nullValue().bool(true).endRow();
    writer.integer(-2).text("").bool(false).endRow();
    assertThat(out).hasToString("1\tO'Keefe, Zoë\t\\N\tt\n-2\t\tf\n");
    assertThat(writer.rows()).isEqualTo(2);
  }

  @Test
  void escapesTheCharactersCopyTreatsSpecially() throws IOException {
    writer.text("a\\b\tc\nd\re").endRow();
    assertThat(out).hasToString("a\\\\b\\tc\\nd\\re\n");
  }

  @Test
  void writesAmountsWithTwoDecimals() throws IOException {
    writer.money(5).money(70).money(12_345).money(100).endRow();
    assertThat(out).hasToString("0.05\t0.70\t123.45\t1.00\n");
  }

  @Test
  void writesDatesAndMillisecondTimestamps() throws IOException {
    long millis = WorkingHours.millis(LocalDateTime.of(2024, 2, 29, 7, 5, 9, 7_000_000));
    writer
        .timestamp(millis)
        .timestamp(WorkingHours.millis(LocalDateTime.of(2022, 11, 3, 23, 59, 59, 999_000_000)))
        .date(LocalDate.of(2023, 1, 9).toEpochDay())
        .endRow();
    assertThat(out).hasToString("2024-02-29 07:05:09.007\t2022-11-03 23:59:59.999\t2023-01-09\n");
  }
}
